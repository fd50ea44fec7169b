package org.isachub.distribute.webhook;

import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.isachub.wire.DeadLetters;
import org.isachub.wire.TopicSpec;
import org.isachub.wire.Topics;
import org.isachub.wire.avro.AuditEvent;
import org.isachub.wire.avro.AuditKind;
import org.isachub.wire.avro.DeadLetter;
import org.isachub.wire.avro.FeedEntry;
import org.isachub.wire.avro.Webhook;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pushes one member's feed to its webhook, on a thread of its own with a consumer of its own (group
 * {@code isachub-webhook-<member>}, read-committed, manual commits). It takes up to {@code
 * max_batch} entries, pins the batch's offset range in the committed offset's metadata (so a
 * restart resends exactly that batch under the same delivery id), POSTs it until a 2xx or the
 * bound, and only then commits past it: never skipping ahead, so the receiver sees the feed in
 * order.
 *
 * <p>{@link #update} and {@link #stop} are thread-safe; everything else runs on the worker thread.
 */
final class MemberWorker {

  private static final Logger LOG = LoggerFactory.getLogger(MemberWorker.class);
  private static final String PIN_PREFIX = "webhook-batch ";
  private static final Pattern PIN = Pattern.compile("webhook-batch (\\d+)-(\\d+)");
  private static final Duration IDLE_POLL = Duration.ofMillis(500);
  private static final Duration WAIT_SLICE = Duration.ofMillis(100);
  private static final Duration KAFKA_TIMEOUT = Duration.ofSeconds(30);

  private final String member;
  private final TopicSpec<String, FeedEntry> feed;
  private final TopicPartition partition;
  private final WorkerContext ctx;
  private final WebhookClient client;
  private final Thread thread;
  private volatile Webhook settings;
  private volatile boolean running = true;
  private volatile @Nullable KafkaConsumer<byte[], byte[]> consumer;

  // Worker-thread state.
  private final ArrayDeque<ConsumerRecord<byte[], byte[]>> buffer = new ArrayDeque<>();
  private @Nullable Batch batch;
  private long pinnedFirst = -1;
  private long pinnedLast = -1;
  private long nextLagSample;
  private long lagMillis;

  /**
   * Creates a worker; {@link #start} runs it.
   *
   * @param member the member id (a valid feed topic name part)
   * @param webhook the member's webhook settings
   * @param ctx what the workers share
   */
  MemberWorker(String member, Webhook webhook, WorkerContext ctx) {
    this.member = member;
    this.feed = Topics.feed(member);
    this.partition = new TopicPartition(feed.name(), 0);
    this.ctx = ctx;
    this.settings = webhook;
    WebhookConfig c = ctx.config();
    this.client =
        new WebhookClient(
            ctx.guard(),
            c.duration(WebhookConfig.CONNECT_TIMEOUT_MS_CONFIG),
            c.duration(WebhookConfig.READ_TIMEOUT_MS_CONFIG),
            c.getInt(WebhookConfig.RESPONSE_MAX_BYTES_CONFIG),
            ctx.tls(),
            ctx.watchdog());
    this.thread = new Thread(this::run, "isachub-webhook-" + member);
    this.thread.setDaemon(true);
  }

  /** Starts the worker thread. */
  void start() {
    thread.start();
  }

  /**
   * Takes new settings (URL, secret, batch size) for the next attempt.
   *
   * @param webhook the member's current webhook settings
   */
  void update(Webhook webhook) {
    settings = webhook;
  }

  /** Asks the worker to stop, interrupting any request in flight; does not wait. */
  void requestStop() {
    running = false;
    client.abort();
    KafkaConsumer<byte[], byte[]> c = consumer;
    if (c != null) {
      c.wakeup();
    }
  }

  /**
   * Waits for the worker to stop after {@link #requestStop}.
   *
   * @param timeout how long to wait
   */
  void awaitStop(Duration timeout) {
    try {
      thread.join(timeout.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (thread.isAlive()) {
      LOG.warn("event=webhook-worker-stop-slow member={}", member);
    }
  }

  private void run() {
    LOG.info("event=webhook-worker-started member={} topic={}", member, feed.name());
    try (KafkaConsumer<byte[], byte[]> c =
        new KafkaConsumer<>(
            consumerProperties(), new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      consumer = c;
      if (!running || !awaitTopic(c)) {
        return;
      }
      c.subscribe(List.of(feed.name()), new Rebalance(c));
      boolean rewind = false;
      while (running) {
        try {
          if (rewind) {
            rewind(c);
            rewind = false;
          }
          step(c);
        } catch (WakeupException e) {
          // stop() woke the consumer; the loop condition ends the run.
        } catch (RuntimeException e) {
          if (!running) {
            break;
          }
          // Records may have left the buffer without being delivered: go back to the committed
          // offset (and its pinned batch) rather than risk skipping ahead.
          LOG.warn("event=webhook-worker-error member={} reason={}", member, e.toString());
          rewind = true;
          sleep(ctx.config().duration(WebhookConfig.BACKOFF_INITIAL_MS_CONFIG));
        }
      }
    } catch (WakeupException e) {
      // Stopping while closing or subscribing.
    } catch (RuntimeException e) {
      LOG.error("event=webhook-worker-failed member={} reason={}", member, e.toString(), e);
    } finally {
      consumer = null;
      ctx.metrics().forget(member);
      LOG.info("event=webhook-worker-stopped member={}", member);
    }
  }

  private Map<String, Object> consumerProperties() {
    Map<String, Object> p = new HashMap<>(ctx.kafka());
    p.put(ConsumerConfig.GROUP_ID_CONFIG, "isachub-webhook-" + member);
    // Offsets move only after a 2xx or a dead letter: that is what makes delivery at least once.
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    // Only entries of committed distribute transactions are feed entries.
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    // A new webhook receives the feed's retained history: the member's current picture.
    p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    // No poll returns more than the largest batch, so nothing large waits in memory.
    p.put(
        ConsumerConfig.MAX_POLL_RECORDS_CONFIG,
        ctx.config().getInt(WebhookConfig.MAX_BATCH_CONFIG));
    p.put(
        ConsumerConfig.CLIENT_ID_CONFIG,
        "isachub-webhook-" + member + "-" + ProcessHandle.current().pid());
    return p;
  }

  /** Waits until the distribute stage has created the member's feed topic. */
  private boolean awaitTopic(KafkaConsumer<byte[], byte[]> c) {
    Duration interval = ctx.config().duration(WebhookConfig.MEMBERS_POLL_INTERVAL_MS_CONFIG);
    boolean logged = false;
    while (running) {
      List<PartitionInfo> partitions = c.partitionsFor(feed.name(), KAFKA_TIMEOUT);
      if (!partitions.isEmpty()) {
        return true;
      }
      if (!logged) {
        LOG.info("event=webhook-awaiting-feed-topic member={} topic={}", member, feed.name());
        logged = true;
      }
      sleep(interval);
    }
    return false;
  }

  /** One turn of the loop: form a batch if there is none, then try it once. */
  private void step(KafkaConsumer<byte[], byte[]> c) {
    if (batch == null) {
      batch = nextBatch(c);
      if (batch == null) {
        return;
      }
    }
    Batch b = batch;
    WebhookConfig config = ctx.config();
    int maxAttempts = config.getInt(WebhookConfig.DEAD_LETTER_ATTEMPTS_CONFIG);
    Duration maxTime = config.duration(WebhookConfig.DEAD_LETTER_AFTER_MS_CONFIG);
    if (!b.exhausted(maxAttempts, maxTime, now())) {
      if (attempt(b)) {
        complete(c, b);
        batch = null;
        return;
      }
      if (!running) {
        return;
      }
      if (!b.exhausted(maxAttempts, maxTime, now())) {
        Duration delay =
            config.backoff().delay(b.attempts(), ThreadLocalRandom.current()::nextDouble);
        LOG.info(
            "event=webhook-retry member={} delivery={} attempt={} cause={} retry_in_ms={}",
            member,
            b.deliveryId(),
            b.attempts(),
            b.lastCause(),
            delay.toMillis());
        waitPaused(c, delay);
        return;
      }
    }
    deadLetter(c, b);
    batch = null;
  }

  /** Forgets everything read but not committed and seeks back to the committed offset. */
  private void rewind(KafkaConsumer<byte[], byte[]> c) {
    buffer.clear();
    batch = null;
    pinnedFirst = -1;
    pinnedLast = -1;
    if (!c.assignment().contains(partition)) {
      return;
    }
    OffsetAndMetadata committed = c.committed(Set.of(partition), KAFKA_TIMEOUT).get(partition);
    if (committed == null) {
      c.seekToBeginning(List.of(partition));
    } else {
      c.seek(partition, committed.offset());
      readPin(committed);
    }
  }

  /** Takes up the batch range recorded with a committed offset, if there is one. */
  private void readPin(OffsetAndMetadata committed) {
    Matcher m = PIN.matcher(committed.metadata());
    if (m.matches()) {
      pinnedFirst = Long.parseLong(m.group(1));
      pinnedLast = Long.parseLong(m.group(2));
      LOG.info(
          "event=webhook-resume-pinned member={} offsets={}-{}", member, pinnedFirst, pinnedLast);
    }
  }

  /** Takes the next batch from the feed, or null if nothing waits. */
  private @Nullable Batch nextBatch(KafkaConsumer<byte[], byte[]> c) {
    if (buffer.isEmpty()) {
      fill(c, IDLE_POLL);
    }
    sampleLag(c);
    if (buffer.isEmpty() || !c.assignment().contains(partition)) {
      return null;
    }
    long first;
    long last;
    List<ConsumerRecord<byte[], byte[]>> taken = new ArrayList<>();
    if (pinnedLast >= 0) {
      // Rebuild exactly the batch that was in flight before a restart, whatever its size.
      while (running
          && buffer.peekLast().offset() < pinnedLast
          && c.position(partition) <= pinnedLast) {
        fill(c, WAIT_SLICE);
        if (buffer.isEmpty()) {
          return null;
        }
      }
      while (!buffer.isEmpty() && buffer.peekFirst().offset() <= pinnedLast) {
        taken.add(buffer.pollFirst());
      }
      first = pinnedFirst;
      last = pinnedLast;
      pinnedFirst = -1;
      pinnedLast = -1;
      if (taken.isEmpty()) {
        return null; // the pinned range was compacted away: carry on from here
      }
    } else {
      int limit =
          Math.max(
              1,
              Math.min(
                  settings.getMaxBatch(), ctx.config().getInt(WebhookConfig.MAX_BATCH_CONFIG)));
      while (!buffer.isEmpty() && taken.size() < limit) {
        taken.add(buffer.pollFirst());
      }
      first = taken.get(0).offset();
      last = taken.get(taken.size() - 1).offset();
      pin(c, first, last);
    }
    List<Batch.Item> items = new ArrayList<>();
    for (ConsumerRecord<byte[], byte[]> r : taken) {
      Batch.Item item = decode(r);
      if (item != null) {
        items.add(item);
      }
    }
    if (items.isEmpty()) {
      commit(c, last + 1);
      return null;
    }
    return new Batch(member, first, last, items);
  }

  private void fill(KafkaConsumer<byte[], byte[]> c, Duration timeout) {
    for (ConsumerRecord<byte[], byte[]> r : c.poll(timeout)) {
      buffer.addLast(r);
    }
  }

  /** Decodes one feed record; an undecodable one goes to the dead-letter topic on its own. */
  private Batch.@Nullable Item decode(ConsumerRecord<byte[], byte[]> r) {
    try {
      FeedEntry entry = feed.valueSerde().deserializer().deserialize(r.topic(), r.value());
      if (entry == null) {
        return null; // a tombstone carries nothing to deliver
      }
      return new Batch.Item(r, entry, Batch.parseStix(entry.getStix()));
    } catch (RuntimeException e) {
      DeadLetter letter =
          DeadLetters.fromRecord(
                  DeadLetters.of(
                          "webhook",
                          "webhook.malformed-entry",
                          "feed entry at offset "
                              + r.offset()
                              + " of "
                              + r.topic()
                              + " cannot be delivered: "
                              + e.getMessage(),
                          now())
                      .setSource(member),
                  r.topic(),
                  r.partition(),
                  r.offset(),
                  r.key(),
                  r.value(),
                  r.headers())
              .build();
      await(List.of(send(DeadLetters.toProducerRecord(letter))), "dead letter");
      ctx.metrics().deadLettered(member, 1);
      LOG.warn(
          "event=webhook-malformed-entry member={} offset={} reason={}",
          member,
          r.offset(),
          e.getMessage());
      return null;
    }
  }

  /** Records the batch's range with the committed offset, so a restart resends the same batch. */
  private void pin(KafkaConsumer<byte[], byte[]> c, long first, long last) {
    c.commitSync(
        Map.of(partition, new OffsetAndMetadata(first, PIN_PREFIX + first + "-" + last)),
        KAFKA_TIMEOUT);
  }

  private void commit(KafkaConsumer<byte[], byte[]> c, long next) {
    c.commitSync(Map.of(partition, new OffsetAndMetadata(next)), KAFKA_TIMEOUT);
  }

  /** POSTs the batch once; true on a 2xx. */
  private boolean attempt(Batch b) {
    Webhook w = settings;
    Instant at = now();
    b.attempting(at);
    long started = System.nanoTime();
    String cause;
    String detail;
    try {
      WebhookTarget target =
          WebhookTarget.parse(
              w.getUrl(), ctx.config().getBoolean(WebhookConfig.ALLOW_PLAIN_HTTP_CONFIG));
      long timestamp = at.getEpochSecond();
      Map<String, String> headers = new LinkedHashMap<>();
      headers.put("Content-Type", WebhookSignature.CONTENT_TYPE);
      headers.put(WebhookSignature.DELIVERY_HEADER, b.deliveryId());
      headers.put(WebhookSignature.TIMESTAMP_HEADER, Long.toString(timestamp));
      headers.put(
          WebhookSignature.SIGNATURE_HEADER,
          WebhookSignature.sign(w.getSecret(), timestamp, b.body()));
      WebhookClient.Response response = client.post(target, headers, b.body());
      if (response.isSuccess()) {
        ctx.metrics().attempted(member, System.nanoTime() - started);
        LOG.info(
            "event=webhook-delivered member={} delivery={} entries={} offsets={}-{} status={}"
                + " attempts={}",
            member,
            b.deliveryId(),
            b.items().size(),
            b.firstOffset(),
            b.lastOffset(),
            response.status(),
            b.attempts());
        return true;
      }
      cause = "http-status";
      String excerpt = response.bodyExcerpt(200);
      detail = "HTTP " + response.status() + (excerpt.isEmpty() ? "" : " (" + excerpt + ")");
    } catch (TargetRefusedException e) {
      cause = "target-refused";
      detail = e.getMessage();
    } catch (SocketTimeoutException e) {
      cause = "timeout";
      detail = "timeout: " + e.getMessage();
    } catch (ConnectException | NoRouteToHostException | UnknownHostException e) {
      cause = "connection";
      detail = "connection failed: " + e.getMessage();
    } catch (IOException e) {
      cause = "protocol";
      detail = "exchange failed: " + e;
    } catch (IllegalArgumentException e) {
      cause = "configuration";
      detail = "webhook settings unusable: " + e.getMessage();
    }
    if (!running) {
      return false; // the failure is our own shutdown, not the receiver's
    }
    ctx.metrics().attempted(member, System.nanoTime() - started);
    ctx.metrics().failed(member, cause);
    b.failed(cause, detail);
    LOG.info(
        "event=webhook-attempt-failed member={} delivery={} attempt={} cause={} detail=\"{}\"",
        member,
        b.deliveryId(),
        b.attempts(),
        cause,
        detail);
    return false;
  }

  /** Audits a delivered batch, then commits past it. */
  private void complete(KafkaConsumer<byte[], byte[]> c, Batch b) {
    List<Future<RecordMetadata>> sent = new ArrayList<>();
    for (Batch.Item item : b.items()) {
      sent.add(send(audit(b, item, "ok")));
    }
    // Audit before commit: a crash in between resends the batch (same delivery id) rather than
    // leave a delivery unaudited.
    await(sent, "audit events");
    commit(c, b.lastOffset() + 1);
    ctx.metrics().succeeded(member, b.items().size());
  }

  /**
   * Writes every entry of a batch that used up its bound to the dead-letter topic, then commits.
   */
  private void deadLetter(KafkaConsumer<byte[], byte[]> c, Batch b) {
    Instant at = now();
    String reason = b.deadLetterReason(at);
    String code = "webhook." + (b.lastCause().isEmpty() ? "failed" : b.lastCause());
    List<Future<RecordMetadata>> sent = new ArrayList<>();
    for (Batch.Item item : b.items()) {
      ConsumerRecord<byte[], byte[]> r = item.record();
      DeadLetter letter =
          DeadLetters.fromRecord(
                  DeadLetters.of("webhook", code, reason, at)
                      .setSource(member)
                      .setObjectId(item.entry().getIndicatorId()),
                  r.topic(),
                  r.partition(),
                  r.offset(),
                  r.key(),
                  r.value(),
                  r.headers())
              .build();
      sent.add(send(DeadLetters.toProducerRecord(letter)));
      sent.add(send(audit(b, item, "dead-lettered")));
    }
    await(sent, "dead letters");
    commit(c, b.lastOffset() + 1);
    ctx.metrics().deadLettered(member, b.items().size());
    LOG.warn(
        "event=webhook-dead-lettered member={} delivery={} entries={} offsets={}-{} attempts={}"
            + " cause={}",
        member,
        b.deliveryId(),
        b.items().size(),
        b.firstOffset(),
        b.lastOffset(),
        b.attempts(),
        b.lastCause());
  }

  private ProducerRecord<byte[], byte[]> audit(Batch b, Batch.Item item, String outcome) {
    FeedEntry e = item.entry();
    Map<String, String> detail = new LinkedHashMap<>();
    detail.put("delivery", b.deliveryId());
    detail.put("op", e.getOp().name());
    detail.put("offset", Long.toString(item.record().offset()));
    detail.put("attempts", Integer.toString(b.attempts()));
    if (!b.lastCause().isEmpty() && outcome.equals("dead-lettered")) {
      detail.put("cause", b.lastCause());
    }
    AuditEvent event =
        AuditEvent.newBuilder()
            .setEventId(b.deliveryId() + ":" + item.record().offset())
            .setKind(AuditKind.DELIVERY)
            .setAt(now())
            .setActor("webhook")
            .setMember(member)
            .setChannel("webhook")
            .setKey(e.getKey())
            .setIndicatorId(e.getIndicatorId())
            .setVersion(e.getStateVersion())
            .setMarking(e.getTlp())
            .setOutcome(outcome)
            .setDetail(detail)
            .build();
    return new ProducerRecord<>(
        Topics.AUDIT.name(),
        member.getBytes(StandardCharsets.UTF_8),
        Topics.AUDIT.valueSerde().serializer().serialize(Topics.AUDIT.name(), event));
  }

  private Future<RecordMetadata> send(ProducerRecord<byte[], byte[]> record) {
    return ctx.producer()
        .send(
            record,
            (metadata, error) -> {
              if (error != null) {
                LOG.warn(
                    "event=webhook-write-failed member={} topic={} reason={}",
                    member,
                    record.topic(),
                    error.toString());
              }
            });
  }

  private static void await(List<Future<RecordMetadata>> futures, String what) {
    for (Future<RecordMetadata> f : futures) {
      try {
        f.get(KAFKA_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while writing " + what, e);
      } catch (ExecutionException | TimeoutException e) {
        throw new IllegalStateException("could not write " + what + ": " + e, e);
      }
    }
  }

  /** Waits out a backoff delay with the partition paused, staying in the group. */
  private void waitPaused(KafkaConsumer<byte[], byte[]> c, Duration delay) {
    Set<TopicPartition> paused = Set.copyOf(c.assignment());
    c.pause(paused);
    try {
      idle(c, delay);
    } finally {
      Set<TopicPartition> still = new java.util.HashSet<>(paused);
      still.retainAll(c.assignment());
      c.resume(still);
    }
  }

  /** Polls (without taking records, the partition being paused or the buffer kept) for a while. */
  private void idle(KafkaConsumer<byte[], byte[]> c, Duration delay) {
    long until = System.nanoTime() + delay.toNanos();
    Batch waitingFor = batch;
    while (running && batch == waitingFor) {
      long left = until - System.nanoTime();
      if (left <= 0) {
        break;
      }
      if (c.paused().isEmpty()) {
        sleep(Duration.ofNanos(Math.min(left, WAIT_SLICE.toNanos())));
      } else {
        // Paused: poll returns nothing for the partition but keeps the group membership alive.
        for (ConsumerRecord<byte[], byte[]> r :
            c.poll(Duration.ofNanos(Math.min(left, WAIT_SLICE.toNanos())))) {
          buffer.addLast(r);
        }
      }
      sampleLag(c);
    }
  }

  /** Every lag interval: how far the next undelivered entry is from the end of the feed. */
  private void sampleLag(KafkaConsumer<byte[], byte[]> c) {
    long nowMillis = ctx.clock().millis();
    if (nowMillis < nextLagSample || !c.assignment().contains(partition)) {
      return;
    }
    nextLagSample = nowMillis + ctx.config().getLong(WebhookConfig.LAG_INTERVAL_MS_CONFIG);
    Long end = c.endOffsets(Set.of(partition), KAFKA_TIMEOUT).get(partition);
    if (end == null) {
      return;
    }
    Batch b = batch;
    long next;
    long oldest;
    if (b != null) {
      next = b.firstOffset();
      oldest = b.oldestTimestamp();
    } else if (!buffer.isEmpty()) {
      next = buffer.peekFirst().offset();
      oldest = buffer.peekFirst().timestamp();
    } else {
      next = c.position(partition, KAFKA_TIMEOUT);
      oldest = -1; // not fetched yet: keep the last known age
    }
    long records = Math.max(0, end - next);
    if (records == 0) {
      lagMillis = 0;
    } else if (oldest > 0) {
      lagMillis = Math.max(0, nowMillis - oldest);
    }
    ctx.metrics().lag(member, records, lagMillis);
  }

  private Instant now() {
    return ctx.clock().instant();
  }

  private void sleep(Duration d) {
    try {
      Thread.sleep(Math.max(1, d.toMillis()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      running = false;
    }
  }

  /** Reacts to the group giving or taking the member's partition. */
  private final class Rebalance implements ConsumerRebalanceListener {

    private final KafkaConsumer<byte[], byte[]> c;

    Rebalance(KafkaConsumer<byte[], byte[]> c) {
      this.c = c;
    }

    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
      drop();
    }

    @Override
    public void onPartitionsLost(Collection<TopicPartition> partitions) {
      drop();
    }

    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
      if (!partitions.contains(partition)) {
        return;
      }
      OffsetAndMetadata committed = c.committed(Set.of(partition), KAFKA_TIMEOUT).get(partition);
      if (committed != null) {
        readPin(committed);
      }
    }

    private void drop() {
      // Whoever owns the partition next starts from the committed offset and its pin.
      buffer.clear();
      batch = null;
      pinnedFirst = -1;
      pinnedLast = -1;
    }
  }
}
