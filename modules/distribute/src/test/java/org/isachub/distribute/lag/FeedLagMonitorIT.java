package org.isachub.distribute.lag;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.isachub.broker.EmbeddedKafkaBroker;
import org.isachub.broker.junit.WithEmbeddedKafka;
import org.isachub.distribute.DistributeMetrics;
import org.isachub.wire.TopicCatalogue;
import org.isachub.wire.Topics;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The feed lag monitor against the embedded broker, with groups committed at chosen offsets. */
@WithEmbeddedKafka
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class FeedLagMonitorIT {

  private static final Instant WRITTEN = Instant.parse("2026-01-01T00:00:00Z");

  @Test
  void shouldReportRecordsAndAgeBehindTheEndPerMemberAndGroupAndDropGroupsThatGoAway(
      EmbeddedKafkaBroker broker) throws Exception {
    Map<String, Object> kafka =
        Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
    String topic = Topics.feed("lag-a").name();
    try (Admin admin = Admin.create(kafka)) {
      new TopicCatalogue(admin, (short) 1, 1)
          .apply(List.of(Topics.feed("lag-a"), Topics.feed("lag-b"), Topics.MEMBERS));
      try (KafkaProducer<String, String> p =
          new KafkaProducer<>(
              Map.of(
                  ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                  broker.bootstrapServers(),
                  ProducerConfig.ACKS_CONFIG,
                  "all"),
              new StringSerializer(),
              new StringSerializer())) {
        for (int i = 0; i < 4; i++) {
          // Each record a minute later than the one before.
          long at = WRITTEN.plusSeconds(60L * i).toEpochMilli();
          p.send(new ProducerRecord<>(topic, 0, at, "k" + i, "v" + i)).get();
        }
      }
      TopicPartition tp = new TopicPartition(topic, 0);
      commit(admin, "taxii-lag-a", tp, 1);
      commit(admin, "own-lag-a", tp, 4);
      commit(admin, "not-a-feed-reader", new TopicPartition(Topics.MEMBERS.name(), 0), 0);

      // Ten minutes after the first record: the oldest unconsumed (offset 1) is 9 minutes old.
      Clock clock = Clock.fixed(WRITTEN.plusSeconds(600), ZoneOffset.UTC);
      SimpleMeterRegistry registry = new SimpleMeterRegistry();
      try (FeedLagMonitor monitor =
          new FeedLagMonitor(kafka, "lag-it", Duration.ofMinutes(10), registry, clock)) {
        monitor.refresh();

        assertThat(gauge(registry, DistributeMetrics.FEED_LAG_RECORDS, "taxii-lag-a"))
            .isEqualTo(3.0);
        assertThat(gauge(registry, DistributeMetrics.FEED_LAG_SECONDS, "taxii-lag-a"))
            .isEqualTo(540.0);
        assertThat(gauge(registry, DistributeMetrics.FEED_LAG_RECORDS, "own-lag-a")).isZero();
        assertThat(gauge(registry, DistributeMetrics.FEED_LAG_SECONDS, "own-lag-a")).isZero();
        assertThat(
                registry.find(DistributeMetrics.FEED_LAG_RECORDS).tag("member", "lag-a").gauges())
            .extracting(g -> g.getId().getTag("consumer"))
            .containsExactlyInAnyOrder("taxii-lag-a", "own-lag-a");
        assertThat(
                registry
                    .find(DistributeMetrics.FEED_LAG_RECORDS)
                    .tag("consumer", "not-a-feed-reader")
                    .gauges())
            .isEmpty();

        admin.deleteConsumerGroups(List.of("taxii-lag-a")).all().get(30, TimeUnit.SECONDS);
        monitor.refresh();
        assertThat(gauge(registry, DistributeMetrics.FEED_LAG_RECORDS, "taxii-lag-a")).isNull();
        assertThat(gauge(registry, DistributeMetrics.FEED_LAG_RECORDS, "own-lag-a")).isZero();
      }
      assertThat(registry.find(DistributeMetrics.FEED_LAG_RECORDS).gauges()).isEmpty();
    }
  }

  @Test
  void shouldCountAGroupWhoseOffsetIsFollowedOnlyByATransactionMarkerAsCaughtUp(
      EmbeddedKafkaBroker broker) throws Exception {
    Map<String, Object> kafka =
        Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
    String topic = Topics.feed("lag-tx").name();
    try (Admin admin = Admin.create(kafka)) {
      new TopicCatalogue(admin, (short) 1, 1).apply(List.of(Topics.feed("lag-tx")));
      try (KafkaProducer<String, String> p =
          new KafkaProducer<>(
              Map.of(
                  ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                  broker.bootstrapServers(),
                  ProducerConfig.TRANSACTIONAL_ID_CONFIG,
                  "lag-it-tx"),
              new StringSerializer(),
              new StringSerializer())) {
        p.initTransactions();
        p.beginTransaction();
        p.send(new ProducerRecord<>(topic, 0, "k0", "v0"));
        p.send(new ProducerRecord<>(topic, 0, "k1", "v1"));
        p.commitTransaction();
      }
      TopicPartition tp = new TopicPartition(topic, 0);
      // Records at 0 and 1, the commit marker at 2: a consumer that read both commits 2.
      commit(admin, "caught-up-tx", tp, 2);
      commit(admin, "behind-tx", tp, 1);
      SimpleMeterRegistry registry = new SimpleMeterRegistry();
      try (FeedLagMonitor monitor =
          new FeedLagMonitor(
              kafka, "lag-it-tx", Duration.ofMinutes(10), registry, Clock.systemUTC())) {
        monitor.refresh();
        assertThat(gauge(registry, DistributeMetrics.FEED_LAG_RECORDS, "caught-up-tx")).isZero();
        assertThat(gauge(registry, DistributeMetrics.FEED_LAG_SECONDS, "caught-up-tx")).isZero();
        // One record and the marker.
        assertThat(gauge(registry, DistributeMetrics.FEED_LAG_RECORDS, "behind-tx")).isEqualTo(2.0);
      }
    }
  }

  private static void commit(Admin admin, String group, TopicPartition tp, long offset)
      throws Exception {
    admin
        .alterConsumerGroupOffsets(group, Map.of(tp, new OffsetAndMetadata(offset)))
        .all()
        .get(30, TimeUnit.SECONDS);
  }

  private static @Nullable Double gauge(SimpleMeterRegistry registry, String name, String group) {
    Gauge g = registry.find(name).tag("consumer", group).gauge();
    return g == null ? null : g.value();
  }
}
