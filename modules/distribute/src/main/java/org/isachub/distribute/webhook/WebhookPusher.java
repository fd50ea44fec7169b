package org.isachub.distribute.webhook;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import javax.net.ssl.SSLSocketFactory;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.isachub.wire.Topics;
import org.isachub.wire.avro.Member;
import org.isachub.wire.avro.Webhook;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The webhook channel: watches the members topic (its own consumer of the compacted {@code
 * isac.members.v1}, from the beginning) and runs one worker per member with an enabled webhook,
 * which pushes that member's feed as signed STIX bundles, in order and at least once. A member
 * whose webhook (or who) is disabled or removed has its worker stopped; a changed URL, secret or
 * batch size applies from the next attempt.
 *
 * <p>Thread-safe: {@link #start} and {@link #close} may be called from any thread; close is
 * idempotent and a closed pusher cannot be started again.
 */
public final class WebhookPusher implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(WebhookPusher.class);
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

  private final WebhookConfig config;
  private final Map<String, Object> kafka;
  private final WebhookMetrics metrics;
  private final HostResolver resolver;
  private final SSLSocketFactory tls;
  private final Clock clock;
  private final Map<String, MemberWorker> workers = new ConcurrentHashMap<>();
  private @Nullable Thread watcher;
  private @Nullable KafkaProducer<byte[], byte[]> producer;
  private @Nullable ScheduledExecutorService watchdog;
  private volatile @Nullable KafkaConsumer<byte[], byte[]> membersConsumer;
  private volatile boolean running;
  private boolean closed;

  /**
   * Creates a pusher.
   *
   * @param config the pusher's settings
   * @param kafka Kafka client settings (bootstrap servers and pass-through settings)
   * @param registry where the metrics go
   */
  public WebhookPusher(WebhookConfig config, Map<String, Object> kafka, MeterRegistry registry) {
    this(
        config,
        kafka,
        registry,
        HostResolver.SYSTEM,
        (SSLSocketFactory) SSLSocketFactory.getDefault(),
        Clock.systemUTC());
  }

  /**
   * Creates a pusher with its own resolver, TLS and clock.
   *
   * @param config the pusher's settings
   * @param kafka Kafka client settings
   * @param registry where the metrics go
   * @param resolver how target names are resolved
   * @param tls how TLS sockets are made
   * @param clock the time
   */
  WebhookPusher(
      WebhookConfig config,
      Map<String, Object> kafka,
      MeterRegistry registry,
      HostResolver resolver,
      SSLSocketFactory tls,
      Clock clock) {
    this.config = config;
    this.kafka = Map.copyOf(kafka);
    this.metrics = new WebhookMetrics(registry);
    this.resolver = resolver;
    this.tls = tls;
    this.clock = clock;
  }

  /**
   * Starts watching the members and pushing feeds; returns at once.
   *
   * @throws IllegalStateException if the pusher was closed
   */
  public synchronized void start() {
    if (closed) {
      throw new IllegalStateException("a closed webhook pusher cannot be started again");
    }
    if (running) {
      return;
    }
    Map<String, Object> p = new HashMap<>(kafka);
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    p.put(ProducerConfig.CLIENT_ID_CONFIG, "isachub-webhook-" + ProcessHandle.current().pid());
    KafkaProducer<byte[], byte[]> prod =
        new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer());
    producer = prod;
    ScheduledExecutorService dog =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "isachub-webhook-watchdog");
              t.setDaemon(true);
              return t;
            });
    watchdog = dog;
    WorkerContext ctx =
        new WorkerContext(
            config,
            kafka,
            prod,
            metrics,
            new TargetGuard(config.allowedPrivateTargets(), resolver),
            tls,
            dog,
            clock);
    running = true;
    Thread t = new Thread(() -> watch(ctx), "isachub-webhook-members");
    t.setDaemon(true);
    watcher = t;
    t.start();
    LOG.info(
        "event=webhook-pusher-started allowed_private_targets={}",
        config.getList(WebhookConfig.ALLOW_PRIVATE_TARGETS_CONFIG));
  }

  /**
   * The members whose feed is being pushed now.
   *
   * @return their ids, sorted
   */
  public Set<String> activeMembers() {
    return new TreeSet<>(workers.keySet());
  }

  /** Stops every worker (a batch in flight is resent after a restart) and releases the clients. */
  @Override
  public synchronized void close() {
    closed = true;
    if (!running) {
      return;
    }
    running = false;
    KafkaConsumer<byte[], byte[]> c = membersConsumer;
    if (c != null) {
      c.wakeup();
    }
    Thread t = watcher;
    if (t != null) {
      try {
        t.join(STOP_TIMEOUT.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    stopAll();
    KafkaProducer<byte[], byte[]> prod = producer;
    if (prod != null) {
      prod.close(Duration.ofSeconds(10));
    }
    ScheduledExecutorService dog = watchdog;
    if (dog != null) {
      dog.shutdownNow();
    }
    LOG.info("event=webhook-pusher-stopped");
  }

  private void stopAll() {
    List<MemberWorker> stopping = new ArrayList<>(workers.values());
    workers.clear();
    stopping.forEach(MemberWorker::requestStop);
    stopping.forEach(w -> w.awaitStop(STOP_TIMEOUT));
  }

  /** The watcher thread: loads every member, then follows changes. */
  private void watch(WorkerContext ctx) {
    Map<String, Object> p = new HashMap<>(kafka);
    // Only committed member changes count.
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    p.put(
        ConsumerConfig.CLIENT_ID_CONFIG,
        "isachub-webhook-members-" + ProcessHandle.current().pid());
    Duration interval = config.duration(WebhookConfig.MEMBERS_POLL_INTERVAL_MS_CONFIG);
    try (KafkaConsumer<byte[], byte[]> c =
        new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      membersConsumer = c;
      if (!running) {
        return;
      }
      List<TopicPartition> partitions = awaitMembersTopic(c, interval);
      if (partitions.isEmpty()) {
        return;
      }
      // No group: every process reads every member, and starts workers whose groups decide
      // which process pushes which member.
      c.assign(partitions);
      c.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = c.endOffsets(partitions);
      Map<String, @Nullable Member> loaded = new LinkedHashMap<>();
      // The first pass reads to the end before starting anything, so a member added and removed
      // long ago never gets a worker, not even for a moment.
      while (running && !caughtUp(c, end)) {
        readMembers(c, interval, loaded);
      }
      loaded.forEach((id, m) -> reconcile(id, m, ctx));
      while (running) {
        Map<String, @Nullable Member> changed = new LinkedHashMap<>();
        readMembers(c, interval, changed);
        changed.forEach((id, m) -> reconcile(id, m, ctx));
      }
    } catch (WakeupException e) {
      // close() woke the consumer.
    } catch (RuntimeException e) {
      LOG.error("event=webhook-members-watch-failed reason={}", e.toString(), e);
    } finally {
      membersConsumer = null;
    }
  }

  private List<TopicPartition> awaitMembersTopic(KafkaConsumer<byte[], byte[]> c, Duration wait) {
    while (running) {
      List<PartitionInfo> info = c.partitionsFor(Topics.MEMBERS.name(), Duration.ofSeconds(30));
      if (!info.isEmpty()) {
        List<TopicPartition> out = new ArrayList<>();
        info.forEach(i -> out.add(new TopicPartition(i.topic(), i.partition())));
        return out;
      }
      try {
        Thread.sleep(wait.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return List.of();
      }
    }
    return List.of();
  }

  private static boolean caughtUp(KafkaConsumer<byte[], byte[]> c, Map<TopicPartition, Long> end) {
    for (Map.Entry<TopicPartition, Long> e : end.entrySet()) {
      if (c.position(e.getKey()) < e.getValue()) {
        return false;
      }
    }
    return true;
  }

  private static void readMembers(
      KafkaConsumer<byte[], byte[]> c, Duration timeout, Map<String, @Nullable Member> into) {
    for (ConsumerRecord<byte[], byte[]> r : c.poll(timeout)) {
      if (r.key() == null) {
        continue;
      }
      String id = Topics.MEMBERS.keySerde().deserializer().deserialize(r.topic(), r.key());
      if (r.value() == null) {
        into.put(id, null);
        continue;
      }
      try {
        into.put(id, Topics.MEMBERS.valueSerde().deserializer().deserialize(r.topic(), r.value()));
      } catch (RuntimeException e) {
        // The distribute topology dead-letters bad member records; here they are only skipped.
        LOG.warn(
            "event=webhook-member-unreadable member={} offset={} reason={}",
            id,
            r.offset(),
            e.getMessage());
      }
    }
  }

  /** Starts, updates or stops the worker of one member to match its record. */
  private void reconcile(String id, @Nullable Member member, WorkerContext ctx) {
    Webhook hook = member == null ? null : member.getWebhook();
    boolean wanted =
        running
            && member != null
            && member.getEnabled()
            && hook != null
            && hook.getEnabled()
            && Topics.MEMBER_ID.matcher(id).matches();
    MemberWorker worker = workers.get(id);
    if (wanted && worker == null) {
      MemberWorker w = new MemberWorker(id, hook, ctx);
      workers.put(id, w);
      w.start();
    } else if (wanted) {
      worker.update(hook);
    } else if (worker != null) {
      workers.remove(id);
      worker.requestStop();
      worker.awaitStop(STOP_TIMEOUT);
    } else if (member != null
        && hook != null
        && hook.getEnabled()
        && !Topics.MEMBER_ID.matcher(id).matches()) {
      LOG.warn("event=webhook-member-id-invalid member={}", id);
    }
  }
}
