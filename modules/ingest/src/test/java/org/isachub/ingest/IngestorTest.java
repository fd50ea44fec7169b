package org.isachub.ingest;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.errors.NotEnoughReplicasException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.isachub.ingest.adapt.IndicatorIndex;
import org.isachub.stix.model.Tlp;
import org.isachub.wire.Topics;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class IngestorTest {

  private static final byte[] TEXT = "198.51.100.7\nevil.example\n".getBytes(UTF_8);

  private static Ingestor ingestor(MockProducer<byte[], byte[]> producer) {
    return new Ingestor(
        new IngestConfig(Map.of(IngestConfig.ACK_TIMEOUT_MS_CONFIG, "1000")),
        producer,
        IndicatorIndex.EMPTY,
        new SimpleMeterRegistry(),
        Clock.fixed(Instant.parse("2026-11-03T12:00:00Z"), ZoneOffset.UTC));
  }

  private static MockProducer<byte[], byte[]> producer(boolean autoComplete) {
    return new MockProducer<>(
        autoComplete, null, new ByteArraySerializer(), new ByteArraySerializer());
  }

  @Test
  void shouldWriteEveryAcceptedRecordBeforeReporting() throws Exception {
    MockProducer<byte[], byte[]> p = producer(true);
    try (Ingestor ingestor = ingestor(p)) {
      IngestReport report =
          ingestor.ingest(IngestRequest.of(TEXT, IngestFormat.TEXT, "blocklist", Tlp.CLEAR));
      assertThat(report.accepted()).isEqualTo(2);
      assertThat(p.history()).hasSize(2).allMatch(r -> r.topic().equals(Topics.SUBMISSIONS.name()));
    }
  }

  @Test
  @Timeout(value = 30, unit = TimeUnit.SECONDS)
  void shouldFailAsUnavailableWhenKafkaRefusesAWriteAndNotReportIt() {
    MockProducer<byte[], byte[]> p = producer(false);
    try (Ingestor ingestor = ingestor(p)) {
      CompletableFuture<Void> failer =
          CompletableFuture.runAsync(
              () -> {
                while (p.history().size() < 2) {
                  Thread.onSpinWait();
                }
                p.completeNext();
                p.errorNext(new NotEnoughReplicasException("only 1 in-sync replica"));
              });
      assertThatThrownBy(
              () ->
                  ingestor.ingest(
                      IngestRequest.of(TEXT, IngestFormat.TEXT, "blocklist", Tlp.CLEAR)))
          .isInstanceOfSatisfying(
              IngestUnavailableException.class,
              e -> {
                assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(10));
                assertThat(e.getMessage()).contains("only 1 in-sync replica");
              });
      failer.join();
    }
  }

  @Test
  @Timeout(value = 30, unit = TimeUnit.SECONDS)
  void shouldFailAsUnavailableWhenNoAcknowledgementComesInTime() {
    MockProducer<byte[], byte[]> p = producer(false);
    try (Ingestor ingestor = ingestor(p)) {
      assertThatThrownBy(
              () ->
                  ingestor.ingest(
                      IngestRequest.of(TEXT, IngestFormat.TEXT, "blocklist", Tlp.CLEAR)))
          .isInstanceOf(IngestUnavailableException.class)
          .hasMessageContaining("within 1000 ms");
    }
  }

  @Test
  void shouldDeadLetterARefusedRequestAndNameItsSubmission() {
    MockProducer<byte[], byte[]> p = producer(true);
    try (Ingestor ingestor = ingestor(p)) {
      assertThatThrownBy(
              () ->
                  ingestor.ingest(
                      IngestRequest.of(
                          "{not json".getBytes(UTF_8), IngestFormat.STIX, "us-pa", Tlp.GREEN)))
          .isInstanceOfSatisfying(
              IngestRejectedException.class,
              e -> {
                assertThat(e.code()).isEqualTo(IngestCodes.STIX_JSON);
                assertThat(e.submissionId()).isNotBlank();
              });
      assertThat(p.history())
          .singleElement()
          .satisfies(
              r -> {
                assertThat(r.topic()).isEqualTo(Topics.DEAD_LETTERS.name());
                var letter =
                    Topics.DEAD_LETTERS
                        .valueSerde()
                        .deserializer()
                        .deserialize(r.topic(), r.value());
                assertThat(letter.getReasonCode()).isEqualTo(IngestCodes.STIX_JSON);
                assertThat(UTF_8.decode(letter.getValue()).toString()).isEqualTo("{not json");
              });
    }
  }
}
