package org.isachub.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedKafkaBrokerIT {

  @TempDir Path dir;

  @Test
  @Timeout(value = 120, unit = TimeUnit.SECONDS)
  void shouldKeepRecordsAcrossARestartOnTheSameDataDirectory() throws Exception {
    BrokerSettings settings =
        new BrokerSettings(dir, "127.0.0.1", FreePorts.next(), FreePorts.next(), Map.of());
    try (EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker(settings).start()) {
      assertThat(Files.exists(broker.logDir().resolve("meta.properties"))).isTrue();
      try (Admin admin = admin(broker)) {
        admin.createTopics(List.of(new NewTopic("kept", 1, (short) 1))).all().get();
      }
      try (KafkaProducer<String, String> producer = producer(broker)) {
        producer.send(new ProducerRecord<>("kept", "k", "before restart")).get();
      }

      broker.restart();

      assertThat(readAll(broker, "kept")).containsExactly("before restart");
    }
    // A brand-new broker object on the same directory finds the same cluster and data.
    try (EmbeddedKafkaBroker again = new EmbeddedKafkaBroker(settings).start()) {
      assertThat(readAll(again, "kept")).containsExactly("before restart");
      try (Admin admin = admin(again)) {
        assertThat(admin.listTopics().names().get()).contains("kept");
      }
    }
  }

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void shouldRefuseUnknownTopicsInsteadOfCreatingThem() throws Exception {
    BrokerSettings settings =
        new BrokerSettings(dir, "127.0.0.1", FreePorts.next(), FreePorts.next(), Map.of());
    try (EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker(settings).start();
        Admin admin = admin(broker)) {
      assertThat(admin.listTopics().names().get()).doesNotContain("typo");
      try (KafkaConsumer<String, String> consumer = consumer(broker)) {
        assertThat(consumer.partitionsFor("typo", Duration.ofSeconds(2))).isEmpty();
      }
      assertThat(admin.listTopics().names().get()).doesNotContain("typo");
    }
  }

  @Test
  void shouldRejectClashingPorts() {
    assertThatThrownBy(() -> new BrokerSettings(dir, "127.0.0.1", 9092, 9092, Map.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("must differ");
  }

  static Admin admin(EmbeddedKafkaBroker broker) {
    return Admin.create(
        Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()));
  }

  static KafkaProducer<String, String> producer(EmbeddedKafkaBroker broker) {
    return new KafkaProducer<>(
        Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
            broker.bootstrapServers(),
            ProducerConfig.ACKS_CONFIG,
            "all"),
        new StringSerializer(),
        new StringSerializer());
  }

  static KafkaConsumer<String, String> consumer(EmbeddedKafkaBroker broker) {
    return new KafkaConsumer<>(
        Map.of(
            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
            broker.bootstrapServers(),
            ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
            "earliest"),
        new StringDeserializer(),
        new StringDeserializer());
  }

  static List<String> readAll(EmbeddedKafkaBroker broker, String topic) {
    List<String> values = new ArrayList<>();
    try (KafkaConsumer<String, String> consumer = consumer(broker)) {
      TopicPartition tp = new TopicPartition(topic, 0);
      consumer.assign(Set.of(tp));
      consumer.seekToBeginning(Set.of(tp));
      long end = consumer.endOffsets(Set.of(tp)).get(tp);
      while (consumer.position(tp) < end) {
        for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
          values.add(
              new String(r.value().getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8));
        }
      }
    }
    return values;
  }
}
