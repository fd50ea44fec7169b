package org.isachub.enrich.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.isachub.enrich.EnrichMetrics;
import org.isachub.wire.DeadLetters;
import org.isachub.wire.Topics;
import org.isachub.wire.avro.DeadLetter;
import org.isachub.wire.avro.IndicatorState;
import org.isachub.wire.avro.Sighting;
import org.isachub.wire.avro.Submission;
import org.isachub.wire.validate.CheckResult;
import org.isachub.wire.validate.RecordChecks;
import org.jspecify.annotations.Nullable;

/**
 * The enrich stage's one processor: checks each submission and sighting, merges it into the
 * indicator's state, re-evaluates every audience's view and emits the state when something a
 * subscriber could see changed. A wall-clock punctuator re-evaluates only the indicators whose next
 * decay threshold or {@code valid_until} is due, from a time-ordered index.
 */
public final class MergeProcessor implements Processor<String, SpecificRecord, Object, Object> {

  /** Name of the indicator state store. */
  public static final String STATE_STORE = "enrich-state";

  /** Name of the time index of due re-evaluations. */
  public static final String SCHEDULE_STORE = "enrich-schedule";

  /** Name of the sink of emitted states. */
  public static final String INDICATORS_SINK = "indicators-sink";

  /** Name of the sink of dead letters. */
  public static final String DEAD_LETTER_SINK = "deadletter-sink";

  private static final String STAGE = "enrich";

  private final StateAssembler assembler;
  private final RecordChecks checks;
  private final Duration punctuateInterval;
  private final int maxPerPunctuation;
  private final EnrichMetrics metrics;
  private @Nullable ProcessorContext<Object, Object> context;
  private @Nullable KeyValueStore<String, IndicatorState> states;
  private @Nullable KeyValueStore<String, String> schedule;

  /**
   * Creates the processor.
   *
   * @param assembler merges and evaluates states
   * @param checks the record checks shared with ingest
   * @param punctuateInterval how often due indicators are looked for
   * @param maxPerPunctuation most due indicators handled per look
   * @param metrics where counts go
   */
  public MergeProcessor(
      StateAssembler assembler,
      RecordChecks checks,
      Duration punctuateInterval,
      int maxPerPunctuation,
      EnrichMetrics metrics) {
    this.assembler = assembler;
    this.checks = checks;
    this.punctuateInterval = punctuateInterval;
    this.maxPerPunctuation = maxPerPunctuation;
    this.metrics = metrics;
  }

  @Override
  public void init(ProcessorContext<Object, Object> context) {
    this.context = context;
    this.states = context.getStateStore(STATE_STORE);
    this.schedule = context.getStateStore(SCHEDULE_STORE);
    context.schedule(punctuateInterval, PunctuationType.WALL_CLOCK_TIME, this::punctuate);
  }

  @Override
  public void process(Record<String, SpecificRecord> record) {
    ProcessorContext<Object, Object> ctx = context();
    Instant now = Instant.ofEpochMilli(ctx.currentSystemTimeMs());
    SpecificRecord value = record.value();
    metrics.recordIn();
    if (value instanceof Submission s) {
      CheckResult result = checks.check(record.key(), s);
      if (!result.accepted()) {
        deadLetter(record, result, s.getSource(), s.getSubmissionId(), s.getObjectId(), now);
        return;
      }
      IndicatorState previous = states().get(s.getKey());
      IndicatorState merged = assembler.merge(previous, result.pattern(), s, now);
      settle(previous, merged, now);
    } else if (value instanceof Sighting g) {
      CheckResult result = checks.check(record.key(), g);
      if (!result.accepted()) {
        deadLetter(record, result, g.getMember(), g.getSubmissionId(), g.getSightingId(), now);
        return;
      }
      IndicatorState previous = states().get(g.getKey());
      settle(previous, assembler.sight(previous, g, now), now);
    } else {
      deadLetter(
          record,
          CheckResult.rejected(
              "wire.tombstone", "a null value means nothing on a submissions or sightings topic"),
          null,
          null,
          null,
          now);
    }
  }

  private void settle(@Nullable IndicatorState previous, IndicatorState merged, Instant now) {
    IndicatorState evaluated = assembler.evaluate(merged, now);
    boolean emit =
        !StateAssembler.visible(previous).equals(StateAssembler.visible(evaluated))
            && !(previous == null && evaluated.getViews().isEmpty());
    if (emit) {
      evaluated.setVersion(evaluated.getVersion() + 1);
      evaluated.setModified(now);
      context()
          .forward(
              new Record<>(evaluated.getKey(), evaluated, now.toEpochMilli()), INDICATORS_SINK);
      metrics.emitted(previous, evaluated);
    } else if (previous != null) {
      metrics.merged();
    }
    reschedule(previous, evaluated);
    states().put(evaluated.getKey(), evaluated);
  }

  private void reschedule(@Nullable IndicatorState previous, IndicatorState current) {
    Instant before = previous == null ? null : previous.getNextEvaluation();
    Instant after = current.getNextEvaluation();
    if (before != null && !before.equals(after)) {
      schedule().delete(scheduleKey(before, current.getKey()));
    }
    if (after != null) {
      schedule().put(scheduleKey(after, current.getKey()), current.getKey());
    }
  }

  void punctuate(long wallClockMillis) {
    Instant now = Instant.ofEpochMilli(wallClockMillis);
    List<KeyValue<String, String>> due = new ArrayList<>();
    try (KeyValueIterator<String, String> it =
        schedule().range(scheduleKey(Instant.EPOCH, ""), scheduleKey(now, "\uffff"))) {
      while (it.hasNext() && due.size() < maxPerPunctuation) {
        due.add(it.next());
      }
    }
    for (KeyValue<String, String> entry : due) {
      schedule().delete(entry.key);
      IndicatorState previous = states().get(entry.value);
      if (previous == null) {
        continue;
      }
      // The index entry is gone; the evaluation below schedules the next one, if any.
      previous.setNextEvaluation(null);
      IndicatorState copy = IndicatorState.newBuilder(previous).build();
      copy.setPublishedAt(now);
      settle(previous, copy, now);
    }
    metrics.punctuated(due.size());
  }

  private void deadLetter(
      Record<String, SpecificRecord> record,
      CheckResult result,
      @Nullable String source,
      @Nullable String submissionId,
      @Nullable String objectId,
      Instant now) {
    ProcessorContext<Object, Object> ctx = context();
    DeadLetter.Builder letter =
        DeadLetters.of(STAGE, String.valueOf(result.code()), String.valueOf(result.reason()), now)
            .setSource(source)
            .setSubmissionId(submissionId)
            .setObjectId(objectId);
    RecordMetadata meta = ctx.recordMetadata().orElse(null);
    byte[] key =
        record.key() == null
            ? null
            : record.key().getBytes(java.nio.charset.StandardCharsets.UTF_8);
    byte[] value = encode(record.value());
    if (meta != null) {
      DeadLetters.fromRecord(
          letter, meta.topic(), meta.partition(), meta.offset(), key, value, record.headers());
    } else {
      letter.setKey(key == null ? null : java.nio.ByteBuffer.wrap(key));
      letter.setValue(value == null ? null : java.nio.ByteBuffer.wrap(value));
    }
    ctx.forward(
        new Record<Object, Object>(key, letter.build(), now.toEpochMilli()), DEAD_LETTER_SINK);
    metrics.deadLettered(String.valueOf(result.code()));
  }

  private static byte @Nullable [] encode(@Nullable SpecificRecord value) {
    if (value instanceof Submission s) {
      return Topics.SUBMISSIONS.valueSerde().serializer().serialize(Topics.SUBMISSIONS.name(), s);
    }
    if (value instanceof Sighting g) {
      return Topics.SIGHTINGS.valueSerde().serializer().serialize(Topics.SIGHTINGS.name(), g);
    }
    return null;
  }

  /**
   * The index key of a due evaluation: zero-padded epoch milliseconds, so the store's byte order is
   * time order, then the indicator key.
   *
   * @param due when it is due
   * @param key the indicator key
   * @return the index key
   */
  static String scheduleKey(Instant due, String key) {
    return String.format("%015d|%s", Math.max(0, due.toEpochMilli()), key);
  }

  private ProcessorContext<Object, Object> context() {
    if (context == null) {
      throw new IllegalStateException("processor not initialised");
    }
    return context;
  }

  private KeyValueStore<String, IndicatorState> states() {
    if (states == null) {
      throw new IllegalStateException("processor not initialised");
    }
    return states;
  }

  private KeyValueStore<String, String> schedule() {
    if (schedule == null) {
      throw new IllegalStateException("processor not initialised");
    }
    return schedule;
  }
}
