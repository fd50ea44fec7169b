package org.isachub.distribute.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.isachub.stix.model.StixIds;
import org.isachub.wire.avro.FeedEntry;
import org.jspecify.annotations.Nullable;

/**
 * One batch of a member's feed entries on its way to the webhook: a fixed offset range, the bundle
 * built from it once (so every retry sends the same bytes), and the history of its attempts.
 *
 * <p>Not thread-safe: owned by one member's worker.
 */
final class Batch {

  /** One feed record in the batch, decoded. */
  record Item(ConsumerRecord<byte[], byte[]> record, FeedEntry entry, JsonNode stix) {}

  private static final ObjectMapper JSON = new ObjectMapper();

  private final String member;
  private final long firstOffset;
  private final long lastOffset;
  private final List<Item> items;
  private final UUID deliveryId;
  private final byte[] body;
  private int attempts;
  private @Nullable Instant firstAttemptAt;
  private String lastCause = "";
  private String lastFailure = "";

  /**
   * Creates a batch.
   *
   * @param member the member
   * @param firstOffset first feed offset the batch covers
   * @param lastOffset last feed offset it covers
   * @param items the decodable entries in that range, in offset order
   */
  Batch(String member, long firstOffset, long lastOffset, List<Item> items) {
    this.member = member;
    this.firstOffset = firstOffset;
    this.lastOffset = lastOffset;
    this.items = List.copyOf(items);
    this.deliveryId = deliveryId(member, firstOffset, lastOffset);
    this.body = bundle(deliveryId, this.items);
  }

  /**
   * The stable id of the delivery of a range of a member's feed: a UUIDv5 of the member and the
   * offsets, so the same batch has the same id on every retry and after a restart.
   *
   * @param member the member
   * @param firstOffset first offset
   * @param lastOffset last offset
   * @return the id
   */
  static UUID deliveryId(String member, long firstOffset, long lastOffset) {
    return StixIds.uuidV5(
        StixIds.HUB_NAMESPACE, "webhook-delivery:" + member + ":" + firstOffset + ":" + lastOffset);
  }

  /**
   * The STIX 2.1 bundle of some entries, as UTF-8 JSON.
   *
   * @param deliveryId the delivery id, which also names the bundle
   * @param items the entries
   * @return {@code {"type":"bundle","id":"bundle--<id>","objects":[…]}}
   */
  static byte[] bundle(UUID deliveryId, List<Item> items) {
    ObjectNode bundle = JSON.createObjectNode();
    bundle.put("type", "bundle");
    bundle.put("id", "bundle--" + deliveryId);
    ArrayNode objects = bundle.putArray("objects");
    for (Item item : items) {
      objects.add(item.stix());
    }
    try {
      return JSON.writeValueAsBytes(bundle);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      // A tree built from parsed JSON always serialises.
      throw new IllegalStateException("cannot write a bundle", e);
    }
  }

  /**
   * Parses the STIX object of an entry.
   *
   * @param stix the entry's JSON text
   * @return the object
   * @throws IllegalArgumentException if it is not a JSON object
   */
  static JsonNode parseStix(String stix) {
    JsonNode node;
    try {
      node = JSON.readTree(stix);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalArgumentException("stix is not JSON: " + e.getOriginalMessage());
    }
    if (node == null || !node.isObject()) {
      throw new IllegalArgumentException("stix is not a JSON object");
    }
    return node;
  }

  String member() {
    return member;
  }

  long firstOffset() {
    return firstOffset;
  }

  long lastOffset() {
    return lastOffset;
  }

  List<Item> items() {
    return items;
  }

  String deliveryId() {
    return deliveryId.toString();
  }

  byte[] body() {
    return body;
  }

  int attempts() {
    return attempts;
  }

  /** Oldest record timestamp in the batch, in epoch milliseconds; 0 for an empty batch. */
  long oldestTimestamp() {
    return items.stream().mapToLong(i -> i.record().timestamp()).min().orElse(0);
  }

  /** Counts an attempt starting now. */
  void attempting(Instant now) {
    attempts++;
    if (firstAttemptAt == null) {
      firstAttemptAt = now;
    }
  }

  /** Records why the last attempt failed. */
  void failed(String cause, String detail) {
    lastCause = cause;
    lastFailure = detail;
  }

  String lastCause() {
    return lastCause;
  }

  String lastFailure() {
    return lastFailure;
  }

  /** Time since the first attempt. */
  Duration sinceFirstAttempt(Instant now) {
    return firstAttemptAt == null ? Duration.ZERO : Duration.between(firstAttemptAt, now);
  }

  /**
   * Tells whether the batch has used up its bound.
   *
   * @param maxAttempts attempts allowed
   * @param maxTime time allowed since the first attempt
   * @param now the time
   * @return true when it should be dead-lettered
   */
  boolean exhausted(int maxAttempts, Duration maxTime, Instant now) {
    return attempts >= maxAttempts || sinceFirstAttempt(now).compareTo(maxTime) >= 0;
  }

  /**
   * The dead-letter reason: the delivery, the range, the attempts and the last failure.
   *
   * @param now the time
   * @return a sentence
   */
  String deadLetterReason(Instant now) {
    return "webhook delivery "
        + deliveryId
        + " of feed offsets "
        + firstOffset
        + "-"
        + lastOffset
        + " to member "
        + member
        + " failed "
        + attempts
        + (attempts == 1 ? " attempt" : " attempts")
        + " over "
        + sinceFirstAttempt(now).toMillis()
        + " ms; last failure: "
        + lastFailure;
  }
}
