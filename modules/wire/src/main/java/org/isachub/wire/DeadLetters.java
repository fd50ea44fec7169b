package org.isachub.wire;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.isachub.wire.avro.DeadLetter;
import org.isachub.wire.avro.DeadLetterHeader;
import org.jspecify.annotations.Nullable;

/**
 * Builds dead letters: the original bytes of something the hub could not accept, with the stage, a
 * stable reason code and a sentence. Every dead letter also carries the stage and reason as record
 * headers, so operators can filter the topic without decoding it.
 */
public final class DeadLetters {

  /** Header naming the stage that rejected the input. */
  public static final String STAGE_HEADER = "isachub.stage";

  /** Header holding the reason code. */
  public static final String REASON_HEADER = "isachub.reason";

  private DeadLetters() {}

  /**
   * Starts a dead letter.
   *
   * @param stage the rejecting stage, e.g. {@code enrich}
   * @param reasonCode stable code, e.g. {@code wire.malformed}
   * @param reason a sentence naming what was wrong
   * @param at when it was rejected
   * @return a builder with the required fields set
   */
  public static DeadLetter.Builder of(String stage, String reasonCode, String reason, Instant at) {
    return DeadLetter.newBuilder()
        .setStage(stage)
        .setReasonCode(reasonCode)
        .setReason(reason)
        .setFailedAt(at)
        .setHeaders(new ArrayList<>());
  }

  /**
   * Adds the coordinates and original bytes of a Kafka record to a dead letter.
   *
   * @param builder the dead letter being built
   * @param topic source topic
   * @param partition source partition
   * @param offset source offset
   * @param key original key bytes
   * @param value original value bytes
   * @param headers original headers
   * @return the builder
   */
  public static DeadLetter.Builder fromRecord(
      DeadLetter.Builder builder,
      String topic,
      int partition,
      long offset,
      byte @Nullable [] key,
      byte @Nullable [] value,
      @Nullable Headers headers) {
    List<DeadLetterHeader> copied = new ArrayList<>();
    if (headers != null) {
      for (Header h : headers) {
        copied.add(
            DeadLetterHeader.newBuilder()
                .setKey(h.key())
                .setValue(h.value() == null ? null : ByteBuffer.wrap(h.value()))
                .build());
      }
    }
    return builder
        .setTopic(topic)
        .setPartition(partition)
        .setOffset(offset)
        .setKey(key == null ? null : ByteBuffer.wrap(key))
        .setValue(value == null ? null : ByteBuffer.wrap(value))
        .setHeaders(copied);
  }

  /**
   * The dead letter as a record for {@link Topics#DEAD_LETTERS}, keyed by the original key bytes.
   *
   * @param letter the dead letter
   * @return the producer record, value encoded, stage and reason headers set
   */
  public static ProducerRecord<byte[], byte[]> toProducerRecord(DeadLetter letter) {
    byte[] key = letter.getKey() == null ? null : bytes(letter.getKey());
    byte[] value =
        Topics.DEAD_LETTERS.valueSerde().serializer().serialize(Topics.DEAD_LETTERS.name(), letter);
    RecordHeaders headers = new RecordHeaders();
    headers.add(STAGE_HEADER, letter.getStage().getBytes(StandardCharsets.UTF_8));
    headers.add(REASON_HEADER, letter.getReasonCode().getBytes(StandardCharsets.UTF_8));
    return new ProducerRecord<>(Topics.DEAD_LETTERS.name(), null, key, value, headers);
  }

  private static byte[] bytes(ByteBuffer buffer) {
    ByteBuffer copy = buffer.duplicate();
    byte[] out = new byte[copy.remaining()];
    copy.get(out);
    return out;
  }
}
