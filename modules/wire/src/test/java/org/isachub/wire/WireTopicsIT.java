package org.isachub.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.RecordDeserializationException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serde;
import org.isachub.broker.EmbeddedKafkaBroker;
import org.isachub.broker.junit.WithEmbeddedKafka;
import org.isachub.wire.TopicCatalogue.Action;
import org.isachub.wire.avro.FeedEntry;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;

@WithEmbeddedKafka
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class WireTopicsIT {

  private static final TopicSpec<String, FeedEntry> FEED = Topics.feed("us-pa");

  private static List<TopicSpec<?, ?>> everyTopic() {
    List<TopicSpec<?, ?>> all = new ArrayList<>(Topics.fixed());
    all.add(FEED);
    return all;
  }

  /** Sample record per topic, with the key it is written under. */
  private static Map<TopicSpec<?, ?>, Object[]> samples() {
    Map<TopicSpec<?, ?>, Object[]> out = new LinkedHashMap<>();
    out.put(Topics.SUBMISSIONS, new Object[] {WireSamples.KEY, WireSamples.submission()});
    out.put(Topics.SIGHTINGS, new Object[] {WireSamples.KEY, WireSamples.sighting()});
    out.put(Topics.INDICATORS, new Object[] {WireSamples.KEY, WireSamples.indicatorState()});
    out.put(Topics.MEMBERS, new Object[] {"us-pa", WireSamples.member()});
    out.put(Topics.SUBSCRIPTIONS, new Object[] {"sub-us-pa-1", WireSamples.subscription()});
    out.put(FEED, new Object[] {WireSamples.KEY, WireSamples.feedEntry()});
    out.put(
        Topics.DEAD_LETTERS,
        new Object[] {"k".getBytes(StandardCharsets.UTF_8), WireSamples.deadLetter()});
    out.put(Topics.AUDIT, new Object[] {"us-pa", WireSamples.auditEvent()});
    out.put(Topics.INGEST_POSITIONS, new Object[] {"upstream-cisa", WireSamples.ingestPosition()});
    return out;
  }

  @Test
  @Order(1)
  void shouldCreateEveryTopicWithItsPartitionsAndCleanupPolicyThenFindNothingToDo(
      EmbeddedKafkaBroker broker) {
    try (Admin admin = admin(broker)) {
      TopicCatalogue catalogue = new TopicCatalogue(admin, (short) 1, 1);

      assertThat(catalogue.apply(everyTopic()))
          .extracting(TopicCatalogue.Result::action)
          .containsOnly(Action.CREATED)
          .hasSize(everyTopic().size());

      for (TopicCatalogue.Status status : catalogue.status(everyTopic())) {
        assertThat(status.exists()).as(status.topic()).isTrue();
        assertThat(status.partitions()).as(status.topic()).isEqualTo(status.expectedPartitions());
        assertThat(status.cleanupPolicy())
            .as(status.topic())
            .isEqualTo(status.expectedCleanupPolicy());
      }
      assertThat(catalogue.apply(everyTopic()))
          .extracting(TopicCatalogue.Result::action)
          .containsOnly(Action.UNCHANGED);
    }
  }

  @Test
  @Order(2)
  void shouldCorrectADriftedSetting(EmbeddedKafkaBroker broker) throws Exception {
    try (Admin admin = admin(broker)) {
      ConfigResource resource =
          new ConfigResource(ConfigResource.Type.TOPIC, Topics.INDICATORS.name());
      admin
          .incrementalAlterConfigs(
              Map.of(
                  resource,
                  List.of(
                      new AlterConfigOp(
                          new ConfigEntry("cleanup.policy", "delete"), AlterConfigOp.OpType.SET))))
          .all()
          .get();
      // The broker applies a config change when the controller's metadata reaches it: wait for it.
      while (!admin
          .describeConfigs(List.of(resource))
          .all()
          .get()
          .get(resource)
          .get("cleanup.policy")
          .value()
          .equals("delete")) {
        Thread.sleep(20);
      }

      List<TopicCatalogue.Result> results =
          new TopicCatalogue(admin, (short) 1, 1).apply(List.of(Topics.INDICATORS));

      assertThat(results)
          .extracting(TopicCatalogue.Result::action)
          .containsExactly(Action.CONFIG_UPDATED);
      assertThat(
              admin
                  .describeConfigs(List.of(resource))
                  .all()
                  .get()
                  .get(resource)
                  .get("cleanup.policy")
                  .value())
          .isEqualTo("compact");
    }
  }

  @Test
  @Order(3)
  void shouldCarryARecordOfEverySchemaThroughItsTopicAndKeepItAcrossABrokerRestart(
      EmbeddedKafkaBroker broker) throws Exception {
    Map<TopicSpec<?, ?>, Object[]> samples = samples();
    for (Map.Entry<TopicSpec<?, ?>, Object[]> e : samples.entrySet()) {
      produce(broker, e.getKey(), e.getValue()[0], e.getValue()[1]);
    }
    for (Map.Entry<TopicSpec<?, ?>, Object[]> e : samples.entrySet()) {
      assertThat(List.<Object>copyOf(readValues(broker, e.getKey())))
          .as(e.getKey().name())
          .containsExactly(e.getValue()[1]);
    }

    broker.restart();

    for (Map.Entry<TopicSpec<?, ?>, Object[]> e : samples.entrySet()) {
      assertThat(List.<Object>copyOf(readValues(broker, e.getKey())))
          .as(e.getKey().name())
          .containsExactly(e.getValue()[1]);
    }
  }

  @Test
  @Order(4)
  void shouldSurfaceThePreciseReasonWhenAConsumerMeetsAPoisonRecord(EmbeddedKafkaBroker broker)
      throws Exception {
    try (KafkaProducer<byte[], byte[]> raw =
        new KafkaProducer<>(
            Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()),
            new ByteArraySerializer(),
            new ByteArraySerializer())) {
      raw.send(
              new ProducerRecord<>(
                  Topics.SIGHTINGS.name(),
                  "k".getBytes(StandardCharsets.UTF_8),
                  "not an avro record".getBytes(StandardCharsets.UTF_8)))
          .get();
    }
    assertThatThrownBy(() -> readValues(broker, Topics.SIGHTINGS))
        .isInstanceOf(RecordDeserializationException.class)
        .hasRootCauseMessage(
            "cannot decode Sighting: not Avro single-object encoding (expected marker c3 01, got"
                + " 6e 6f)");
  }

  @SuppressWarnings("unchecked")
  private static <K, V> void produce(
      EmbeddedKafkaBroker broker, TopicSpec<K, V> topic, Object key, Object value)
      throws Exception {
    try (KafkaProducer<K, V> producer =
        new KafkaProducer<>(
            Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true"),
            topic.keySerde().serializer(),
            topic.valueSerde().serializer())) {
      producer.send(new ProducerRecord<>(topic.name(), (K) key, (V) value)).get();
    }
  }

  private static <K, V> List<V> readValues(EmbeddedKafkaBroker broker, TopicSpec<K, V> topic) {
    Serde<K> keys = topic.keySerde();
    List<V> values = new ArrayList<>();
    try (KafkaConsumer<K, V> consumer =
        new KafkaConsumer<>(
            Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()),
            keys.deserializer(),
            topic.valueSerde().deserializer())) {
      List<TopicPartition> partitions =
          consumer.partitionsFor(topic.name()).stream()
              .map(p -> new TopicPartition(p.topic(), p.partition()))
              .toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
      while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
        for (ConsumerRecord<K, V> r : consumer.poll(Duration.ofMillis(200))) {
          values.add(r.value());
        }
      }
    }
    return values;
  }

  private static Admin admin(EmbeddedKafkaBroker broker) {
    return Admin.create(
        Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()));
  }
}
