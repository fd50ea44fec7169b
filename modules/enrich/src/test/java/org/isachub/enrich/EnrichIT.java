package org.isachub.enrich;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.isachub.broker.EmbeddedKafkaBroker;
import org.isachub.broker.junit.WithEmbeddedKafka;
import org.isachub.wire.TopicCatalogue;
import org.isachub.wire.TopicSpec;
import org.isachub.wire.Topics;
import org.isachub.wire.avro.DeadLetter;
import org.isachub.wire.avro.Decision;
import org.isachub.wire.avro.IndicatorState;
import org.isachub.wire.avro.Submission;
import org.isachub.wire.avro.Tlp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The enrich stage in a real process against the embedded broker, killed in mid-transaction. */
@WithEmbeddedKafka
class EnrichIT {

  private static final int INDICATORS = 300;

  @TempDir Path state;

  @Test
  @Timeout(value = 240, unit = TimeUnit.SECONDS)
  void shouldEmitEveryChangeExactlyOnceAcrossAKillInTheMiddleOfATransaction(
      EmbeddedKafkaBroker broker) throws Exception {
    try (Admin admin =
        Admin.create(
            Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
      new TopicCatalogue(admin, (short) 1, 1).apply(Topics.fixed());
    }
    Instant now = Instant.now();
    List<Submission> batch = new ArrayList<>();
    for (int i = 0; i < INDICATORS; i++) {
      batch.add(
          org.isachub.enrich.topology.FixturesAccess.indicator(
              "vendor-acme",
              "ipv4-addr",
              "45.140." + (i / 250) + "." + (i % 250 + 1),
              Tlp.GREEN,
              70,
              now));
    }

    // A long commit interval keeps the first process's output in an open transaction.
    Process first = startEnrich(broker, 20_000);
    produce(broker, batch);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (count(broker, Topics.INDICATORS, "read_uncommitted") < INDICATORS / 2) {
      assertThat(System.nanoTime()).as("first process produced nothing").isLessThan(deadline);
      Thread.sleep(100);
    }
    first.destroyForcibly().waitFor();
    int uncommittedAtCrash = count(broker, Topics.INDICATORS, "read_uncommitted");
    assertThat(count(broker, Topics.INDICATORS, "read_committed"))
        .as("the crash must come before the first commit")
        .isZero();

    Process second = startEnrich(broker, 100);
    try {
      Map<String, List<IndicatorState>> byKey = awaitCommitted(broker, INDICATORS);
      assertThat(byKey).hasSize(INDICATORS);
      assertThat(byKey.values())
          .allSatisfy(
              versions -> {
                assertThat(versions).hasSize(1);
                assertThat(versions.get(0).getVersion()).isEqualTo(1);
                assertThat(versions.get(0).getDecision()).isEqualTo(Decision.ACTIVE);
              });
      assertThat(uncommittedAtCrash).isPositive();

      // Revocations after the restart are each a single change too.
      List<Submission> revocations = new ArrayList<>();
      for (int i = 0; i < 20; i++) {
        revocations.add(
            org.isachub.enrich.topology.FixturesAccess.revocation(batch.get(i), Instant.now()));
      }
      produce(broker, revocations);
      Map<String, List<IndicatorState>> after = awaitCommitted(broker, INDICATORS + 20);
      for (int i = 0; i < 20; i++) {
        List<IndicatorState> versions = after.get(batch.get(i).getKey());
        assertThat(versions)
            .extracting(IndicatorState::getDecision)
            .containsExactly(Decision.ACTIVE, Decision.REVOKED);
      }

      // Bytes that are not a record become a dead letter, and the stage keeps going.
      try (KafkaProducer<byte[], byte[]> raw =
          new KafkaProducer<>(
              Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()),
              new ByteArraySerializer(),
              new ByteArraySerializer())) {
        raw.send(
                new ProducerRecord<>(
                    Topics.SUBMISSIONS.name(),
                    "x".getBytes(StandardCharsets.UTF_8),
                    "definitely not avro".getBytes(StandardCharsets.UTF_8)))
            .get();
      }
      produce(
          broker,
          List.of(
              org.isachub.enrich.topology.FixturesAccess.indicator(
                  "feodo", "ipv4-addr", "45.141.0.1", Tlp.CLEAR, 80, Instant.now())));
      awaitCommitted(broker, INDICATORS + 21);
      List<DeadLetter> letters = readAll(broker, Topics.DEAD_LETTERS, "read_committed");
      assertThat(letters).extracting(DeadLetter::getReasonCode).contains("wire.malformed");
      assertThat(letters).extracting(DeadLetter::getStage).containsOnly("enrich");
    } finally {
      second.destroy();
      second.waitFor(30, TimeUnit.SECONDS);
    }
  }

  private Process startEnrich(EmbeddedKafkaBroker broker, long commitMs) throws Exception {
    Process process =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                EnrichProcess.class.getName(),
                broker.bootstrapServers(),
                state.toString(),
                Long.toString(commitMs))
            .redirectErrorStream(true)
            .start();
    BufferedReader out =
        new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    String line;
    StringBuilder seen = new StringBuilder();
    while ((line = out.readLine()) != null) {
      seen.append(line).append('\n');
      if (line.contains("enrich running")) {
        Thread drain =
            new Thread(
                () -> {
                  try {
                    while (out.readLine() != null) {
                      // keep the pipe from filling up
                    }
                  } catch (java.io.IOException e) {
                    // the process went away
                  }
                });
        drain.setDaemon(true);
        drain.start();
        return process;
      }
    }
    throw new AssertionError(
        "enrich process exited before running: " + process.waitFor() + "\n" + seen);
  }

  private static void produce(EmbeddedKafkaBroker broker, List<Submission> submissions)
      throws Exception {
    try (KafkaProducer<String, Submission> producer =
        new KafkaProducer<>(
            Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                broker.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG,
                "all"),
            Topics.SUBMISSIONS.keySerde().serializer(),
            Topics.SUBMISSIONS.valueSerde().serializer())) {
      for (Submission s : submissions) {
        producer.send(new ProducerRecord<>(Topics.SUBMISSIONS.name(), s.getKey(), s));
      }
      producer.flush();
    }
  }

  private static Map<String, List<IndicatorState>> awaitCommitted(
      EmbeddedKafkaBroker broker, int records) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
    List<IndicatorState> all = readAll(broker, Topics.INDICATORS, "read_committed");
    while (all.size() < records) {
      assertThat(System.nanoTime())
          .as("only %d of %d states committed", all.size(), records)
          .isLessThan(deadline);
      Thread.sleep(200);
      all = readAll(broker, Topics.INDICATORS, "read_committed");
    }
    Thread.sleep(1000);
    all = readAll(broker, Topics.INDICATORS, "read_committed");
    assertThat(all).hasSize(records);
    Map<String, List<IndicatorState>> byKey = new HashMap<>();
    for (IndicatorState s : all) {
      byKey.computeIfAbsent(s.getKey(), k -> new ArrayList<>()).add(s);
    }
    return byKey;
  }

  private static int count(EmbeddedKafkaBroker broker, TopicSpec<?, ?> topic, String isolation) {
    return readAll(broker, topic, isolation).size();
  }

  private static <V> List<V> readAll(
      EmbeddedKafkaBroker broker, TopicSpec<?, V> topic, String isolation) {
    Deserializer<V> values = topic.valueSerde().deserializer();
    List<V> out = new ArrayList<>();
    try (KafkaConsumer<byte[], V> consumer =
        new KafkaConsumer<>(
            Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                broker.bootstrapServers(),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                isolation),
            new org.apache.kafka.common.serialization.ByteArrayDeserializer(),
            values)) {
      List<TopicPartition> partitions =
          consumer.partitionsFor(topic.name()).stream()
              .map(p -> new TopicPartition(p.topic(), p.partition()))
              .toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))
          && System.nanoTime() < deadline) {
        for (ConsumerRecord<byte[], V> r : consumer.poll(Duration.ofMillis(100))) {
          out.add(r.value());
        }
      }
    }
    return out;
  }
}
