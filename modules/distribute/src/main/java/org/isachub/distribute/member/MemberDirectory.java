package org.isachub.distribute.member;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RecordDeserializationException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.isachub.wire.Topics;
import org.isachub.wire.avro.Member;
import org.isachub.wire.avro.Subscription;
import org.isachub.wire.avro.TokenHash;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every member and subscription of the hub, held in memory and kept current from the compacted
 * topics {@code isac.members.v1} and {@code isac.subscriptions.v1}, read from the beginning by a
 * consumer thread of its own (no consumer group: every process holds the whole directory).
 *
 * <p>It becomes {@linkplain #isReady() ready} once it has read both topics to the end offsets it
 * found at start, and stays current after that; tombstones remove entries. Tokens are indexed by
 * hash, so authenticating a bearer token is one hash, one map lookup and one constant-time
 * comparison.
 *
 * <p>Thread-safe: one thread writes, any number read.
 */
public final class MemberDirectory implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(MemberDirectory.class);
  private static final HexFormat HEX = HexFormat.of();
  private static final Duration POLL = Duration.ofMillis(200);
  private static final long RETRY_BACKOFF_MS = 1_000;

  private final Map<String, Object> settings;
  private final Map<String, Member> members = new ConcurrentHashMap<>();
  private final Map<String, Subscription> subscriptions = new ConcurrentHashMap<>();
  private final Map<String, Set<String>> subscriptionsByMember = new ConcurrentHashMap<>();
  private final Map<String, String> memberByTokenHash = new ConcurrentHashMap<>();
  private final Map<TopicPartition, Long> applied = new ConcurrentHashMap<>();
  private final CountDownLatch ready = new CountDownLatch(1);
  private final Object progress = new Object();
  private final Thread thread;
  private volatile boolean running = true;
  private volatile @Nullable KafkaConsumer<byte[], byte[]> consumer;

  /**
   * Creates a directory that is not yet reading.
   *
   * @param kafka Kafka client settings (bootstrap servers and pass-through settings)
   * @param clientId the consumer's {@code client.id}, naming the process
   */
  public MemberDirectory(Map<String, Object> kafka, String clientId) {
    Map<String, Object> s = new HashMap<>(kafka);
    s.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
    // Assigned partitions and no group: every process reads the whole directory itself.
    s.remove(ConsumerConfig.GROUP_ID_CONFIG);
    s.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    s.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    this.settings = s;
    this.thread = new Thread(this::run, "isachub-member-directory");
    this.thread.setDaemon(true);
  }

  /**
   * Starts reading in the background; returns at once.
   *
   * @return this directory
   */
  public MemberDirectory start() {
    thread.start();
    return this;
  }

  /**
   * Tells whether the directory has read both topics to the end offsets it found at start.
   *
   * @return true once caught up
   */
  public boolean isReady() {
    return ready.getCount() == 0 && thread.isAlive();
  }

  /**
   * Waits until the directory is ready.
   *
   * @param timeout how long to wait
   * @return true if ready, false if the time ran out
   * @throws InterruptedException if interrupted while waiting
   */
  public boolean awaitReady(Duration timeout) throws InterruptedException {
    return ready.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  /**
   * Waits until the directory has applied a record written at a known offset, so that a write is
   * visible to the next read (read your writes).
   *
   * @param topic the topic written
   * @param partition the partition written
   * @param offset the record's offset
   * @param timeout how long to wait
   * @return true if applied, false if the time ran out
   * @throws InterruptedException if interrupted while waiting
   */
  public boolean awaitApplied(String topic, int partition, long offset, Duration timeout)
      throws InterruptedException {
    TopicPartition tp = new TopicPartition(topic, partition);
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (progress) {
      while (applied.getOrDefault(tp, -1L) <= offset) {
        long left = deadline - System.nanoTime();
        if (left <= 0 || !thread.isAlive()) {
          return false;
        }
        TimeUnit.NANOSECONDS.timedWait(progress, left);
      }
    }
    return true;
  }

  /**
   * One member.
   *
   * @param id the member id
   * @return the member, if known
   */
  public Optional<Member> member(String id) {
    return Optional.ofNullable(members.get(id));
  }

  /**
   * Every member.
   *
   * @return members sorted by id
   */
  public List<Member> members() {
    List<Member> out = new ArrayList<>(members.values());
    out.sort(Comparator.comparing(Member::getId));
    return out;
  }

  /**
   * One subscription.
   *
   * @param id the subscription id
   * @return the subscription, if known
   */
  public Optional<Subscription> subscription(String id) {
    return Optional.ofNullable(subscriptions.get(id));
  }

  /**
   * Every subscription.
   *
   * @return subscriptions sorted by id
   */
  public List<Subscription> subscriptions() {
    List<Subscription> out = new ArrayList<>(subscriptions.values());
    out.sort(Comparator.comparing(Subscription::getId));
    return out;
  }

  /**
   * The subscriptions of one member.
   *
   * @param memberId the member id
   * @return its subscriptions sorted by id
   */
  public List<Subscription> subscriptionsOf(String memberId) {
    List<Subscription> out = new ArrayList<>();
    for (String id : subscriptionsByMember.getOrDefault(memberId, Set.of())) {
      Subscription s = subscriptions.get(id);
      if (s != null && s.getMember().equals(memberId)) {
        out.add(s);
      }
    }
    out.sort(Comparator.comparing(Subscription::getId));
    return out;
  }

  /**
   * Authenticates a bearer token.
   *
   * @param token the presented token
   * @param now the time of the request
   * @return the principal, or why not
   */
  public AuthResult authenticate(String token, Instant now) {
    if (!isReady()) {
      return AuthResult.failure(AuthResult.Failure.NOT_READY, null);
    }
    if (!Tokens.looksLikeToken(token)) {
      return AuthResult.failure(AuthResult.Failure.MALFORMED, null);
    }
    byte[] digest = Tokens.digest(token);
    String memberId = memberByTokenHash.get(HEX.formatHex(digest));
    Member member = memberId == null ? null : members.get(memberId);
    if (member == null) {
      return AuthResult.failure(AuthResult.Failure.UNKNOWN_TOKEN, null);
    }
    return verify(member, digest, now, AuthResult.Failure.UNKNOWN_TOKEN);
  }

  /**
   * Authenticates a member id with a token (HTTP Basic).
   *
   * @param memberId the member id given
   * @param token the token given
   * @param now the time of the request
   * @return the principal, or why not
   */
  public AuthResult authenticate(String memberId, String token, Instant now) {
    if (!isReady()) {
      return AuthResult.failure(AuthResult.Failure.NOT_READY, null);
    }
    // Digest first, whatever the id: an unknown id then costs what a wrong token costs.
    byte[] digest = Tokens.digest(token);
    boolean knownShape = Topics.MEMBER_ID.matcher(memberId).matches();
    Member member = knownShape ? members.get(memberId) : null;
    if (member == null) {
      return AuthResult.failure(AuthResult.Failure.UNKNOWN_MEMBER, knownShape ? memberId : null);
    }
    if (!Tokens.looksLikeToken(token)) {
      return AuthResult.failure(AuthResult.Failure.MALFORMED, memberId);
    }
    return verify(member, digest, now, AuthResult.Failure.WRONG_TOKEN);
  }

  private static AuthResult verify(
      Member member, byte[] digest, Instant now, AuthResult.Failure noMatch) {
    // Every stored hash is compared (constant time each, no early exit).
    Tokens.Check best = Tokens.Check.NO_MATCH;
    TokenHash matched = null;
    for (TokenHash stored : member.getTokens()) {
      Tokens.Check check = Tokens.check(digest, stored, now);
      if (check == Tokens.Check.VALID
          || (check != Tokens.Check.NO_MATCH && best != Tokens.Check.VALID)) {
        best = check;
        matched = stored;
      }
    }
    String id = member.getId();
    switch (best) {
      case NO_MATCH:
        return AuthResult.failure(noMatch, noMatch == AuthResult.Failure.WRONG_TOKEN ? id : null);
      case REVOKED:
        return AuthResult.failure(AuthResult.Failure.REVOKED, id);
      case EXPIRED:
        return AuthResult.failure(AuthResult.Failure.EXPIRED, id);
      default:
        break;
    }
    if (!member.getEnabled()) {
      return AuthResult.failure(AuthResult.Failure.DISABLED, id);
    }
    String tokenId = matched == null ? "" : matched.getTokenId();
    return AuthResult.success(
        new Principal(id, Roles.of(member.getKind()), member.getClearance(), tokenId));
  }

  private void run() {
    try (KafkaConsumer<byte[], byte[]> c =
        new KafkaConsumer<>(settings, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      consumer = c;
      if (!running) {
        return;
      }
      List<TopicPartition> partitions = new ArrayList<>();
      partitions.addAll(partitionsOf(c, Topics.MEMBERS.name()));
      partitions.addAll(partitionsOf(c, Topics.SUBSCRIPTIONS.name()));
      c.assign(partitions);
      c.seekToBeginning(partitions);
      Map<TopicPartition, Long> targets = c.endOffsets(partitions);
      LOG.info("event=directory-reading partitions={} targets={}", partitions.size(), targets);
      while (running) {
        ConsumerRecords<byte[], byte[]> records;
        try {
          records = c.poll(POLL);
        } catch (RecordDeserializationException e) {
          // Poison input must not stop the directory: skip the record, say so.
          LOG.warn(
              "event=directory-record-skipped partition={} offset={} reason={}",
              e.topicPartition(),
              e.offset(),
              e.getMessage());
          c.seek(e.topicPartition(), e.offset() + 1);
          continue;
        }
        for (ConsumerRecord<byte[], byte[]> r : records) {
          apply(r);
        }
        Map<TopicPartition, Long> positions = new HashMap<>();
        for (TopicPartition tp : partitions) {
          positions.put(tp, c.position(tp));
        }
        synchronized (progress) {
          applied.putAll(positions);
          progress.notifyAll();
        }
        if (ready.getCount() > 0 && caughtUp(positions, targets)) {
          LOG.info(
              "event=directory-ready members={} subscriptions={}",
              members.size(),
              subscriptions.size());
          ready.countDown();
        }
      }
    } catch (WakeupException e) {
      // close() asked us to stop.
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      LOG.error("event=directory-failed error={}", e.toString(), e);
    } finally {
      consumer = null;
      synchronized (progress) {
        progress.notifyAll();
      }
    }
  }

  private List<TopicPartition> partitionsOf(KafkaConsumer<byte[], byte[]> c, String topic)
      throws InterruptedException {
    while (true) {
      try {
        List<PartitionInfo> infos = c.partitionsFor(topic, Duration.ofSeconds(10));
        if (infos != null && !infos.isEmpty()) {
          List<TopicPartition> out = new ArrayList<>();
          for (PartitionInfo info : infos) {
            out.add(new TopicPartition(topic, info.partition()));
          }
          return out;
        }
        LOG.info("event=directory-waiting-for-topic topic={}", topic);
      } catch (WakeupException e) {
        throw e;
      } catch (KafkaException e) {
        LOG.warn("event=directory-metadata-retry topic={} error={}", topic, e.toString());
      }
      Thread.sleep(RETRY_BACKOFF_MS);
      if (!running) {
        throw new WakeupException();
      }
    }
  }

  private static boolean caughtUp(
      Map<TopicPartition, Long> positions, Map<TopicPartition, Long> targets) {
    for (Map.Entry<TopicPartition, Long> target : targets.entrySet()) {
      if (positions.getOrDefault(target.getKey(), 0L) < target.getValue()) {
        return false;
      }
    }
    return true;
  }

  private void apply(ConsumerRecord<byte[], byte[]> r) {
    if (r.key() == null) {
      LOG.warn(
          "event=directory-record-skipped topic={} offset={} reason=no-key", r.topic(), r.offset());
      return;
    }
    String key = Topics.MEMBERS.keySerde().deserializer().deserialize(r.topic(), r.key());
    try {
      if (r.topic().equals(Topics.MEMBERS.name())) {
        Member m = Topics.MEMBERS.valueSerde().deserializer().deserialize(r.topic(), r.value());
        applyMember(key, m);
      } else {
        Subscription s =
            Topics.SUBSCRIPTIONS.valueSerde().deserializer().deserialize(r.topic(), r.value());
        applySubscription(key, s);
      }
    } catch (KafkaException e) {
      LOG.warn(
          "event=directory-record-skipped topic={} offset={} reason={}",
          r.topic(),
          r.offset(),
          e.getMessage());
    }
  }

  private void applyMember(String id, @Nullable Member member) {
    if (member != null && !member.getId().equals(id)) {
      LOG.warn("event=directory-record-skipped reason=key-id-mismatch key={}", id);
      return;
    }
    Member old = member == null ? members.remove(id) : members.put(id, member);
    Set<String> fresh = new HashSet<>();
    if (member != null) {
      for (TokenHash t : member.getTokens()) {
        fresh.add(t.getHash());
        memberByTokenHash.put(t.getHash(), id);
      }
    }
    if (old != null) {
      for (TokenHash t : old.getTokens()) {
        if (!fresh.contains(t.getHash())) {
          memberByTokenHash.remove(t.getHash(), id);
        }
      }
    }
  }

  private void applySubscription(String id, @Nullable Subscription subscription) {
    Subscription old =
        subscription == null ? subscriptions.remove(id) : subscriptions.put(id, subscription);
    if (old != null
        && (subscription == null || !old.getMember().equals(subscription.getMember()))) {
      Set<String> ids = subscriptionsByMember.get(old.getMember());
      if (ids != null) {
        ids.remove(id);
      }
    }
    if (subscription != null) {
      subscriptionsByMember
          .computeIfAbsent(subscription.getMember(), k -> ConcurrentHashMap.newKeySet())
          .add(id);
    }
  }

  /** Stops the reader thread and closes its consumer. Safe to call twice. */
  @Override
  public void close() {
    running = false;
    KafkaConsumer<byte[], byte[]> c = consumer;
    if (c != null) {
      c.wakeup();
    }
    try {
      thread.join(TimeUnit.SECONDS.toMillis(15));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
