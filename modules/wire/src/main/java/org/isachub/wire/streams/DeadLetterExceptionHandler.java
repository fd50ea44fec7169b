package org.isachub.wire.streams;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.processor.api.Record;
import org.isachub.wire.DeadLetters;
import org.isachub.wire.avro.DeadLetter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kafka Streams exception handler for undecodable records and unexpected processing failures:
 * writes a {@link DeadLetter} with the original bytes and the reason to {@code isac.deadletter.v1}
 * (through Streams' own dead-letter support, inside the task's transaction) and lets the stage
 * carry on. Configure the stage name with {@link #STAGE_CONFIG}.
 *
 * <p>Thread-safe after configuration.
 */
public final class DeadLetterExceptionHandler
    implements DeserializationExceptionHandler, ProcessingExceptionHandler {

  /** Streams config key naming the stage in dead letters. */
  public static final String STAGE_CONFIG = "isachub.stage";

  private static final Logger LOG = LoggerFactory.getLogger(DeadLetterExceptionHandler.class);

  private String stage = "unknown";

  @Override
  public void configure(Map<String, ?> configs) {
    Object value = configs.get(STAGE_CONFIG);
    if (value != null) {
      stage = value.toString();
    }
  }

  @Override
  public DeserializationExceptionHandler.Response handleError(
      ErrorHandlerContext context, ConsumerRecord<byte[], byte[]> record, Exception exception) {
    DeadLetter letter =
        letter(context, "wire.malformed", rootMessage(exception), record.key(), record.value());
    LOG.warn(
        "event=dead-letter stage={} topic={} partition={} offset={} reason={}",
        stage,
        context.topic(),
        context.partition(),
        context.offset(),
        letter.getReason());
    return DeserializationExceptionHandler.Response.resume(
        List.of(DeadLetters.toProducerRecord(letter)));
  }

  @Override
  public ProcessingExceptionHandler.Response handleError(
      ErrorHandlerContext context, Record<?, ?> record, Exception exception) {
    DeadLetter letter =
        letter(
            context,
            "stage.failure",
            "processor " + context.processorNodeId() + " failed: " + rootMessage(exception),
            context.sourceRawKey(),
            context.sourceRawValue());
    LOG.error(
        "event=dead-letter stage={} topic={} partition={} offset={} reason={}",
        stage,
        context.topic(),
        context.partition(),
        context.offset(),
        letter.getReason(),
        exception);
    return ProcessingExceptionHandler.Response.resume(
        List.of(DeadLetters.toProducerRecord(letter)));
  }

  private DeadLetter letter(
      ErrorHandlerContext context, String code, String reason, byte[] key, byte[] value) {
    DeadLetter.Builder builder = DeadLetters.of(stage, code, reason, Instant.now());
    return DeadLetters.fromRecord(
            builder,
            String.valueOf(context.topic()),
            context.partition(),
            context.offset(),
            key,
            value,
            context.headers())
        .build();
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
  }
}
