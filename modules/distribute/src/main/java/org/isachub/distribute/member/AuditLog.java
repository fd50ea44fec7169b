package org.isachub.distribute.member;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.isachub.wire.Topics;
import org.isachub.wire.avro.AuditEvent;
import org.isachub.wire.avro.AuditKind;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes audit events to {@code isac.audit.v1}: administrative changes and authentication failures.
 * Events never carry tokens.
 *
 * <p>Thread-safe.
 */
public final class AuditLog implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(AuditLog.class);

  private final KafkaProducer<String, AuditEvent> producer;
  private final AtomicLong written = new AtomicLong();
  private final AtomicLong failed = new AtomicLong();

  /**
   * Creates the log and its producer.
   *
   * @param kafka Kafka client settings (bootstrap servers and pass-through settings)
   * @param clientId the producer's {@code client.id}, naming the process
   */
  public AuditLog(Map<String, Object> kafka, String clientId) {
    Map<String, Object> settings = new HashMap<>(kafka);
    settings.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
    settings.put(ProducerConfig.ACKS_CONFIG, "all");
    settings.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    // An unreachable cluster must not hold an HTTP request thread for the default minute.
    settings.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
    this.producer =
        new KafkaProducer<>(
            settings, Topics.AUDIT.keySerde().serializer(), Topics.AUDIT.valueSerde().serializer());
  }

  /**
   * Writes an event without waiting; the outcome is logged and counted.
   *
   * @param event the event
   */
  public void record(AuditEvent event) {
    try {
      producer.send(record(event.getMember(), event), (md, e) -> outcome(event, e));
    } catch (RuntimeException e) {
      outcome(event, e);
    }
  }

  /**
   * Writes an event and waits for the cluster to acknowledge it.
   *
   * @param event the event
   * @param timeout how long to wait
   * @throws AuditException if it was not acknowledged in time
   */
  public void recordAndWait(AuditEvent event, Duration timeout) {
    try {
      producer
          .send(record(event.getMember(), event), (md, e) -> outcome(event, e))
          .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException | TimeoutException e) {
      throw new AuditException("audit event was not acknowledged: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AuditException("interrupted while writing an audit event", e);
    }
  }

  /**
   * Events acknowledged so far.
   *
   * @return the count
   */
  public long written() {
    return written.get();
  }

  /**
   * Events that could not be written.
   *
   * @return the count
   */
  public long failed() {
    return failed.get();
  }

  /**
   * An administrative change.
   *
   * @param actor who made it
   * @param member the member concerned
   * @param action what was done, e.g. {@code member-added}
   * @param detail further facts (never tokens)
   * @param at when
   * @return the event
   */
  public static AuditEvent adminChange(
      Actor actor, String member, String action, Map<String, String> detail, Instant at) {
    Map<String, String> facts = new HashMap<>(detail);
    facts.put("action", action);
    return AuditEvent.newBuilder()
        .setEventId(UUID.randomUUID().toString())
        .setKind(AuditKind.ADMIN_CHANGE)
        .setAt(at)
        .setActor(actor.id())
        .setMember(member)
        .setChannel(actor.channel())
        .setOutcome("ok")
        .setDetail(facts)
        .build();
  }

  /**
   * A refused credential.
   *
   * @param claimedMember the member the credential named or matched, if any
   * @param channel e.g. {@code api} or {@code taxii}
   * @param outcome {@code denied} or {@code rate-limited}
   * @param detail the reason, remote address, path (never the credential)
   * @param at when
   * @return the event
   */
  public static AuditEvent authFailure(
      @Nullable String claimedMember,
      String channel,
      String outcome,
      Map<String, String> detail,
      Instant at) {
    return AuditEvent.newBuilder()
        .setEventId(UUID.randomUUID().toString())
        .setKind(AuditKind.AUTH_FAILURE)
        .setAt(at)
        .setActor(null)
        .setMember(claimedMember)
        .setChannel(channel)
        .setOutcome(outcome)
        .setDetail(new HashMap<>(detail))
        .build();
  }

  private static ProducerRecord<String, AuditEvent> record(
      @Nullable String member, AuditEvent event) {
    // Keyed by the member concerned, so one member's events stay in order; null spreads the rest.
    return new ProducerRecord<>(Topics.AUDIT.name(), member, event);
  }

  private void outcome(AuditEvent event, @Nullable Exception e) {
    if (e == null) {
      written.incrementAndGet();
    } else {
      failed.incrementAndGet();
      LOG.warn(
          "event=audit-write-failed kind={} id={} error={}",
          event.getKind(),
          event.getEventId(),
          e.toString());
    }
  }

  /** Flushes what is pending and closes the producer. */
  @Override
  public void close() {
    producer.close(Duration.ofSeconds(10));
  }
}
