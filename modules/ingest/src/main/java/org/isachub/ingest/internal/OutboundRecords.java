package org.isachub.ingest.internal;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.isachub.ingest.adapt.Adapted;
import org.isachub.ingest.adapt.Rejected;
import org.isachub.wire.DeadLetters;
import org.isachub.wire.Topics;
import org.isachub.wire.avro.DeadLetter;
import org.isachub.wire.avro.DeadLetterHeader;
import org.isachub.wire.avro.Sighting;
import org.isachub.wire.avro.Submission;
import org.jspecify.annotations.Nullable;

/** Turns adapted requests and refusals into serialized producer records for the hub's topics. */
public final class OutboundRecords {

  /** The stage name dead letters carry. */
  public static final String STAGE = "ingest";

  /** Dead-letter header holding the full length of a request that was cut. */
  public static final String TRUNCATED_HEADER = "isachub.original-length";

  private OutboundRecords() {}

  /**
   * The records of an adapted request: submissions, sightings, then one dead letter per refusal.
   *
   * @param adapted the adapter's result
   * @param source the source, for the dead letters
   * @param submissionId the request's id, for the dead letters
   * @param at when the refusals happened
   * @return the records, serialized
   */
  public static List<ProducerRecord<byte[], byte[]>> of(
      Adapted adapted, String source, String submissionId, Instant at) {
    List<ProducerRecord<byte[], byte[]>> out =
        new ArrayList<>(
            adapted.submissions().size() + adapted.sightings().size() + adapted.rejected().size());
    for (Submission s : adapted.submissions()) {
      out.add(
          new ProducerRecord<>(
              Topics.SUBMISSIONS.name(),
              utf8(s.getKey()),
              Topics.SUBMISSIONS
                  .valueSerde()
                  .serializer()
                  .serialize(Topics.SUBMISSIONS.name(), s)));
    }
    for (Sighting g : adapted.sightings()) {
      out.add(
          new ProducerRecord<>(
              Topics.SIGHTINGS.name(),
              utf8(g.getKey()),
              Topics.SIGHTINGS.valueSerde().serializer().serialize(Topics.SIGHTINGS.name(), g)));
    }
    for (Rejected r : adapted.rejected()) {
      DeadLetter letter =
          DeadLetters.of(STAGE, r.code(), r.reason(), at)
              .setSource(source)
              .setSubmissionId(submissionId)
              .setObjectId(r.objectId() != null ? r.objectId() : r.ref())
              .setKey(r.key() == null ? null : ByteBuffer.wrap(utf8(r.key())))
              .setValue(ByteBuffer.wrap(utf8(r.original())))
              .build();
      out.add(DeadLetters.toProducerRecord(letter));
    }
    return out;
  }

  /**
   * The dead letter of a request refused as a whole, keeping at most {@code maxBytes} of it.
   *
   * @param body the request as received
   * @param code the reason code
   * @param reason the reason
   * @param source the source
   * @param submissionId the request's id
   * @param at when it was refused
   * @param maxBytes most bytes of the body kept
   * @return the record
   */
  public static ProducerRecord<byte[], byte[]> requestDeadLetter(
      byte[] body,
      String code,
      String reason,
      @Nullable String source,
      String submissionId,
      Instant at,
      int maxBytes) {
    DeadLetter.Builder b =
        DeadLetters.of(STAGE, code, reason, at)
            .setSource(source)
            .setSubmissionId(submissionId)
            .setValue(
                ByteBuffer.wrap(body.length <= maxBytes ? body : Arrays.copyOf(body, maxBytes)));
    if (body.length > maxBytes) {
      b.setHeaders(
          new ArrayList<>(
              List.of(
                  DeadLetterHeader.newBuilder()
                      .setKey(TRUNCATED_HEADER)
                      .setValue(ByteBuffer.wrap(utf8(Integer.toString(body.length))))
                      .build())));
    }
    return DeadLetters.toProducerRecord(b.build());
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
