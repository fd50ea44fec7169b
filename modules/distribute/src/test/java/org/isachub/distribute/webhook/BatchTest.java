package org.isachub.distribute.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.isachub.stix.model.StixIds;
import org.isachub.wire.Topics;
import org.isachub.wire.avro.FeedEntry;
import org.isachub.wire.avro.FeedOp;
import org.junit.jupiter.api.Test;

class BatchTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Instant T0 = Instant.parse("2026-11-03T06:00:00Z");

  private static List<Batch.Item> items(String member, long firstOffset, int count) {
    List<Batch.Item> out = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      FeedEntry e =
          FeedEntries.entry(
              member, "ipv4-addr:198.51.100." + i, i + 1, i == 2 ? FeedOp.WITHDRAW : FeedOp.UPSERT);
      byte[] value = Topics.feed(member).valueSerde().serializer().serialize("t", e);
      ConsumerRecord<byte[], byte[]> r =
          new ConsumerRecord<>(
              Topics.feed(member).name(), 0, firstOffset + i, e.getKey().getBytes(), value);
      out.add(new Batch.Item(r, e, Batch.parseStix(e.getStix())));
    }
    return out;
  }

  @Test
  void shouldGiveTheSameBatchTheSameDeliveryIdAndBody() {
    Batch a = new Batch("us-pa", 10, 12, items("us-pa", 10, 3));
    Batch b = new Batch("us-pa", 10, 12, items("us-pa", 10, 3));
    assertThat(a.deliveryId()).isEqualTo(b.deliveryId());
    assertThat(a.body()).isEqualTo(b.body());
    assertThat(a.deliveryId()).isEqualTo(Batch.deliveryId("us-pa", 10, 12).toString());
  }

  @Test
  void shouldGiveOtherRangesAndMembersOtherDeliveryIds() {
    String id = Batch.deliveryId("us-pa", 10, 12).toString();
    assertThat(Batch.deliveryId("us-pa", 10, 13).toString()).isNotEqualTo(id);
    assertThat(Batch.deliveryId("us-pa", 11, 12).toString()).isNotEqualTo(id);
    assertThat(Batch.deliveryId("us-az", 10, 12).toString()).isNotEqualTo(id);
    // Offsets are separated, so 1 and 12 cannot collide with 11 and 2.
    assertThat(Batch.deliveryId("us-pa", 1, 12)).isNotEqualTo(Batch.deliveryId("us-pa", 11, 2));
  }

  @Test
  void shouldBuildAStixBundleNamedAfterTheDeliveryWithTheObjectsInFeedOrder() throws Exception {
    Batch batch = new Batch("us-pa", 10, 12, items("us-pa", 10, 3));
    JsonNode bundle = JSON.readTree(batch.body());
    assertThat(bundle.get("type").asText()).isEqualTo("bundle");
    assertThat(bundle.get("id").asText()).isEqualTo("bundle--" + batch.deliveryId());
    assertThat(bundle.has("spec_version")).isFalse();
    List<String> ids = new ArrayList<>();
    bundle.get("objects").forEach(o -> ids.add(o.get("id").asText()));
    assertThat(ids)
        .containsExactly(
            StixIds.deterministic("indicator", "ipv4-addr:198.51.100.0"),
            StixIds.deterministic("indicator", "ipv4-addr:198.51.100.1"),
            StixIds.deterministic("indicator", "ipv4-addr:198.51.100.2"));
    assertThat(bundle.get("objects").get(2).get("revoked").asBoolean()).isTrue();
    assertThat(bundle.get("objects").get(0).has("revoked")).isFalse();
  }

  @Test
  void shouldBeExhaustedByAttemptsOrByTime() {
    Batch batch = new Batch("us-pa", 0, 2, items("us-pa", 0, 3));
    batch.attempting(T0);
    batch.attempting(T0.plusSeconds(1));
    assertThat(batch.exhausted(3, Duration.ofMinutes(1), T0.plusSeconds(2))).isFalse();
    batch.attempting(T0.plusSeconds(3));
    assertThat(batch.exhausted(3, Duration.ofMinutes(1), T0.plusSeconds(4))).isTrue();
    assertThat(batch.exhausted(10, Duration.ofSeconds(60), T0.plusSeconds(59))).isFalse();
    assertThat(batch.exhausted(10, Duration.ofSeconds(60), T0.plusSeconds(60))).isTrue();
  }

  @Test
  void shouldNameTheAttemptsAndTheLastFailureInTheDeadLetterReason() {
    Batch batch = new Batch("us-pa", 4, 6, items("us-pa", 4, 3));
    batch.attempting(T0);
    batch.failed("http-status", "HTTP 500");
    batch.attempting(T0.plusSeconds(2));
    batch.failed("timeout", "timeout: no complete response from hook:8443 within 300 ms");
    assertThat(batch.deadLetterReason(T0.plusSeconds(3)))
        .isEqualTo(
            "webhook delivery "
                + batch.deliveryId()
                + " of feed offsets 4-6 to member us-pa failed 2 attempts over 3000 ms; last"
                + " failure: timeout: no complete response from hook:8443 within 300 ms");
  }

  @Test
  void shouldRefuseEntriesWhoseStixIsNotAJsonObject() {
    assertThatThrownBy(() -> Batch.parseStix("[1,2]"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("stix is not a JSON object");
    assertThatThrownBy(() -> Batch.parseStix("{\"type\":"))
        .hasMessageStartingWith("stix is not JSON:");
  }
}
