package org.isachub.ingest;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.isachub.broker.EmbeddedKafkaBroker;
import org.isachub.wire.TopicCatalogue;
import org.isachub.wire.TopicSpec;
import org.isachub.wire.Topics;

/** Creates the hub's topics and reads a topic's values from its beginning to its end. */
public final class TopicContents {

  private TopicContents() {}

  /** Creates every fixed topic of the catalogue. */
  public static void createTopics(EmbeddedKafkaBroker broker) {
    try (Admin admin =
        Admin.create(
            Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
      new TopicCatalogue(admin, (short) 1, 1).apply(Topics.fixed());
    }
  }

  /** The decoded values of a topic, as a read_committed consumer sees them. */
  public static <V> List<V> values(EmbeddedKafkaBroker broker, TopicSpec<?, V> topic) {
    return values(broker, topic, true);
  }

  /** The decoded values of a topic, committed only or everything written. */
  public static <V> List<V> values(
      EmbeddedKafkaBroker broker, TopicSpec<?, V> topic, boolean committedOnly) {
    List<V> out = new ArrayList<>();
    for (ConsumerRecord<byte[], byte[]> r : records(broker, topic.name(), committedOnly)) {
      out.add(topic.valueSerde().deserializer().deserialize(r.topic(), r.value()));
    }
    return out;
  }

  /** The raw records of a topic. */
  public static List<ConsumerRecord<byte[], byte[]>> records(
      EmbeddedKafkaBroker broker, String topic, boolean committedOnly) {
    Map<String, Object> p = new HashMap<>();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
    p.put(
        ConsumerConfig.ISOLATION_LEVEL_CONFIG,
        committedOnly ? "read_committed" : "read_uncommitted");
    List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
    try (KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> partitions =
          consumer.partitionsFor(topic).stream()
              .map(i -> new TopicPartition(i.topic(), i.partition()))
              .toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
      while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
        consumer.poll(Duration.ofMillis(200)).forEach(out::add);
      }
    }
    return out;
  }
}
