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
        assertThat(registry.find(DistributeMetrics.FEED_LAG_RECORDS).gauges())
            .allSatisfy(g -> assertThat(g.getId().getTag("member")).isEqualTo("lag-a"))
            .noneMatch(g -> "not-a-feed-reader".equals(g.getId().getTag("consumer")));

        admin.deleteConsumerGroups(List.of("taxii-lag-a")).all().get(30, TimeUnit.SECONDS);
        monitor.refresh();
        assertThat(gauge(registry, DistributeMetrics.FEED_LAG_RECORDS, "taxii-lag-a")).isNull();
        assertThat(gauge(registry, DistributeMetrics.FEED_LAG_RECORDS, "own-lag-a")).isZero();
      }
      assertThat(registry.find(DistributeMetrics.FEED_LAG_RECORDS).gauges()).isEmpty();
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
