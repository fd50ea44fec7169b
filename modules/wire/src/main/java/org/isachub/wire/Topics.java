package org.isachub.wire;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.isachub.wire.TopicSpec.Cleanup;
import org.isachub.wire.avro.AuditEvent;
import org.isachub.wire.avro.DeadLetter;
import org.isachub.wire.avro.FeedEntry;
import org.isachub.wire.avro.IndicatorState;
import org.isachub.wire.avro.IngestPosition;
import org.isachub.wire.avro.Member;
import org.isachub.wire.avro.Sighting;
import org.isachub.wire.avro.Submission;
import org.isachub.wire.avro.Subscription;

/**
 * The catalogue of the hub's topics. Nothing else in the project spells a topic name: every stage
 * takes its topics, with their serdes, from here.
 */
public final class Topics {

  /** Member ids that may name a feed topic: lower-case letters, digits and '-', 1-64 long. */
  public static final Pattern MEMBER_ID = Pattern.compile("[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?");

  private static final Serde<String> KEYS = Serdes.String();
  private static final Duration DAY = Duration.ofDays(1);
  // Compacted feeds keep their recent history intact, so TAXII pages and webhook retries see every
  // change of the last week before older versions of a key are compacted away.
  private static final Map<String, String> FEED_COMPACTION =
      Map.of(
          TopicConfig.MIN_COMPACTION_LAG_MS_CONFIG, Long.toString(Duration.ofDays(7).toMillis()));

  /** Indicators and revocations from every source, keyed by canonical observable key. */
  public static final TopicSpec<String, Submission> SUBMISSIONS =
      new TopicSpec<>(
          "isac.submissions.v1",
          KEYS,
          new WireSerde<>(Submission.class),
          6,
          Cleanup.DELETE,
          DAY.multipliedBy(30),
          Map.of(),
          "Indicators and revocations from every source, keyed by canonical observable key.");

  /** Member sightings and false-positive reports, keyed by the sighted indicator's key. */
  public static final TopicSpec<String, Sighting> SIGHTINGS =
      new TopicSpec<>(
          "isac.sightings.v1",
          KEYS,
          new WireSerde<>(Sighting.class),
          6,
          Cleanup.DELETE,
          DAY.multipliedBy(30),
          Map.of(),
          "Member sightings and false-positive reports, keyed by the sighted indicator's key.");

  /** Current merged state of every indicator (compacted), keyed by canonical observable key. */
  public static final TopicSpec<String, IndicatorState> INDICATORS =
      new TopicSpec<>(
          "isac.indicators.v1",
          KEYS,
          new WireSerde<>(IndicatorState.class),
          6,
          Cleanup.COMPACT,
          Duration.ZERO,
          Map.of(),
          "Current merged state of every indicator, keyed by canonical observable key.");

  /** Members (compacted), keyed by member id. */
  public static final TopicSpec<String, Member> MEMBERS =
      new TopicSpec<>(
          "isac.members.v1",
          KEYS,
          new WireSerde<>(Member.class),
          1,
          Cleanup.COMPACT,
          Duration.ZERO,
          Map.of(),
          "Members: identity, clearance and token hashes, keyed by member id.");

  /** Subscriptions (compacted), keyed by subscription id. */
  public static final TopicSpec<String, Subscription> SUBSCRIPTIONS =
      new TopicSpec<>(
          "isac.subscriptions.v1",
          KEYS,
          new WireSerde<>(Subscription.class),
          1,
          Cleanup.COMPACT,
          Duration.ZERO,
          Map.of(),
          "Subscriptions, keyed by subscription id.");

  /** Everything rejected, with its original bytes and the reason; keyed by the original key. */
  public static final TopicSpec<byte[], DeadLetter> DEAD_LETTERS =
      new TopicSpec<>(
          "isac.deadletter.v1",
          Serdes.ByteArray(),
          new WireSerde<>(DeadLetter.class),
          1,
          Cleanup.DELETE,
          DAY.multipliedBy(30),
          Map.of(),
          "Rejected input with its original bytes, stage and reason.");

  /** Deliveries, authentication failures and administrative changes, keyed by member id. */
  public static final TopicSpec<String, AuditEvent> AUDIT =
      new TopicSpec<>(
          "isac.audit.v1",
          KEYS,
          new WireSerde<>(AuditEvent.class),
          3,
          Cleanup.DELETE,
          DAY.multipliedBy(365),
          Map.of(),
          "Deliveries, authentication failures and administrative changes.");

  /**
   * Positions of the pulling ingest sources (TAXII pollers), compacted, keyed by poller id. Each
   * position is written in the same transaction as the records of the page it follows.
   */
  public static final TopicSpec<String, IngestPosition> INGEST_POSITIONS =
      new TopicSpec<>(
          "isac.ingest.positions.v1",
          KEYS,
          new WireSerde<>(IngestPosition.class),
          1,
          Cleanup.COMPACT,
          Duration.ZERO,
          Map.of(),
          "Positions of the TAXII pollers in their upstream collections, keyed by poller id.");

  // Feed specs are asked for on every feed entry; building one means a regex match and a serde.
  private static final int MAX_CACHED_FEEDS = 100_000;
  private static final java.util.concurrent.ConcurrentMap<String, TopicSpec<String, FeedEntry>>
      FEEDS = new java.util.concurrent.ConcurrentHashMap<>();

  private Topics() {}

  /**
   * The fixed topics (everything but the per-member feeds).
   *
   * @return the topics in data-flow order
   */
  public static List<TopicSpec<?, ?>> fixed() {
    return List.of(
        SUBMISSIONS,
        SIGHTINGS,
        INDICATORS,
        MEMBERS,
        SUBSCRIPTIONS,
        DEAD_LETTERS,
        AUDIT,
        INGEST_POSITIONS);
  }

  /**
   * The feed topic of one member: its changes (UPSERT and WITHDRAW), keyed by canonical key.
   *
   * @param memberId the member id
   * @return the topic {@code isac.feed.<member>.v1}
   * @throws IllegalArgumentException if the id cannot name a topic
   */
  public static TopicSpec<String, FeedEntry> feed(String memberId) {
    TopicSpec<String, FeedEntry> known = FEEDS.get(memberId);
    if (known != null) {
      return known;
    }
    TopicSpec<String, FeedEntry> spec = newFeed(memberId);
    if (FEEDS.size() < MAX_CACHED_FEEDS) {
      FEEDS.putIfAbsent(memberId, spec);
    }
    return spec;
  }

  private static TopicSpec<String, FeedEntry> newFeed(String memberId) {
    if (!MEMBER_ID.matcher(memberId).matches()) {
      throw new IllegalArgumentException(
          "member id '"
              + memberId
              + "' cannot name a feed topic: use 1-64 lower-case letters, digits and '-'");
    }
    // One partition per member: the feed is totally ordered, so TAXII cursors and webhook
    // positions are a single offset.
    return new TopicSpec<>(
        "isac.feed." + memberId + ".v1",
        KEYS,
        new WireSerde<>(FeedEntry.class),
        1,
        Cleanup.COMPACT,
        Duration.ZERO,
        FEED_COMPACTION,
        "Feed of member " + memberId + ": what it may see, as it changes.");
  }

  /**
   * Tells whether a topic name is a member feed.
   *
   * @param topic a topic name
   * @return true for {@code isac.feed.<member>.v1}
   */
  public static boolean isFeed(String topic) {
    return topic.startsWith("isac.feed.")
        && topic.endsWith(".v1")
        && MEMBER_ID.matcher(topic.substring(10, topic.length() - 3)).matches();
  }
}
