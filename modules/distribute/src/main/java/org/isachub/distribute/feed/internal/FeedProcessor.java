package org.isachub.distribute.feed.internal;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.CRC32C;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.isachub.distribute.DistributeMetrics;
import org.isachub.distribute.feed.FeedPlanner;
import org.isachub.distribute.feed.FeedRenderer;
import org.isachub.distribute.feed.MemberView;
import org.isachub.distribute.feed.SubscriptionIndex;
import org.isachub.wire.avro.AudienceKind;
import org.isachub.wire.avro.AudienceView;
import org.isachub.wire.avro.AuditEvent;
import org.isachub.wire.avro.AuditKind;
import org.isachub.wire.avro.Decision;
import org.isachub.wire.avro.FeedEntry;
import org.isachub.wire.avro.FeedOp;
import org.isachub.wire.avro.IndicatorState;
import org.isachub.wire.avro.Member;
import org.isachub.wire.avro.Score;
import org.isachub.wire.avro.Subscription;
import org.isachub.wire.avro.Tlp;
import org.jspecify.annotations.Nullable;

/**
 * The distribute stage's processor. For every indicator change it plans which members the indicator
 * reaches, compares with what it delivered to each before, and writes UPSERTs for new or changed
 * views and WITHDRAWs for members it no longer reaches, each with an audit event. A wall-clock
 * punctuator notices changed members and subscriptions (kept in global stores) and re-evaluates
 * this task's indicators for them, which backfills new subscriptions and withdraws what a changed
 * one no longer wants.
 */
public final class FeedProcessor implements Processor<String, IndicatorState, String, Object> {

  /** Local copy of the indicator states of this task's partitions. */
  public static final String INDICATORS_STORE = "distribute-indicators";

  /** What was delivered to whom: {@code key NUL member} to {@code tlp|fingerprint}. */
  public static final String DELIVERED_STORE = "distribute-delivered";

  /** Fingerprints of the members and subscriptions this task last indexed. */
  public static final String SEEN_STORE = "distribute-seen";

  /** Global store of members. */
  public static final String MEMBERS_STORE = "distribute-members";

  /** Global store of subscriptions. */
  public static final String SUBSCRIPTIONS_STORE = "distribute-subscriptions";

  /** Name of the sink of feed entries. */
  public static final String FEED_SINK = "feed-sink";

  /** Name of the sink of audit events. */
  public static final String AUDIT_SINK = "audit-sink";

  private static final char SEP = '\u0000';

  private final Duration checkInterval;
  private final DistributeMetrics metrics;
  private @Nullable ProcessorContext<String, Object> context;
  private @Nullable KeyValueStore<String, IndicatorState> indicators;
  private @Nullable KeyValueStore<String, String> delivered;
  private @Nullable KeyValueStore<String, String> seen;
  private @Nullable KeyValueStore<String, Member> members;
  private @Nullable KeyValueStore<String, Subscription> subscriptions;
  private SubscriptionIndex index = SubscriptionIndex.build(List.of(), List.of());

  /**
   * Creates the processor.
   *
   * @param checkInterval how often changed members and subscriptions are looked for
   * @param metrics where counts go
   */
  public FeedProcessor(Duration checkInterval, DistributeMetrics metrics) {
    this.checkInterval = checkInterval;
    this.metrics = metrics;
  }

  @Override
  public void init(ProcessorContext<String, Object> context) {
    this.context = context;
    this.indicators = context.getStateStore(INDICATORS_STORE);
    this.delivered = context.getStateStore(DELIVERED_STORE);
    this.seen = context.getStateStore(SEEN_STORE);
    this.members = context.getStateStore(MEMBERS_STORE);
    this.subscriptions = context.getStateStore(SUBSCRIPTIONS_STORE);
    rebuildIndex();
    context.schedule(checkInterval, PunctuationType.WALL_CLOCK_TIME, this::checkForChanges);
  }

  @Override
  public void process(Record<String, IndicatorState> record) {
    String key = record.key();
    if (key == null) {
      return;
    }
    Instant now = Instant.ofEpochMilli(ctx().currentSystemTimeMs());
    IndicatorState state = record.value();
    if (state == null) {
      // A deleted indicator reaches nobody any more.
      store().delete(key);
      reconcile(key, null, null, now);
      return;
    }
    store().put(key, state);
    long began = System.nanoTime();
    Map<String, FeedPlanner.Match> plan = FeedPlanner.plan(state, index);
    metrics.matched(System.nanoTime() - began);
    reconcile(key, state, plan, now);
  }

  /**
   * Looks for members and subscriptions that changed since this task last indexed them, rebuilds
   * the index, and re-evaluates this task's indicators for the members concerned.
   *
   * @param wallClockMillis the punctuation time
   */
  void checkForChanges(long wallClockMillis) {
    // Fingerprint of every member and subscription now, as "fingerprint@owning member".
    Map<String, String> current = new HashMap<>();
    try (KeyValueIterator<String, Member> it = members().all()) {
      while (it.hasNext()) {
        KeyValue<String, Member> kv = it.next();
        current.put(
            "m:" + kv.key,
            fingerprint(kv.value.getEnabled() + "|" + kv.value.getClearance()) + "@" + kv.key);
      }
    }
    try (KeyValueIterator<String, Subscription> it = subscriptions().all()) {
      while (it.hasNext()) {
        KeyValue<String, Subscription> kv = it.next();
        current.put("s:" + kv.key, fingerprint(kv.value.toString()) + "@" + kv.value.getMember());
      }
    }
    Set<String> changed = new HashSet<>();
    List<String> gone = new ArrayList<>();
    try (KeyValueIterator<String, String> it = seen().all()) {
      while (it.hasNext()) {
        KeyValue<String, String> kv = it.next();
        String now = current.get(kv.key);
        if (!kv.value.equals(now)) {
          changed.add(owner(kv.value));
          if (now == null) {
            gone.add(kv.key);
          }
        }
      }
    }
    for (Map.Entry<String, String> e : current.entrySet()) {
      if (!e.getValue().equals(seen().get(e.getKey()))) {
        changed.add(owner(e.getValue()));
        seen().put(e.getKey(), e.getValue());
      }
    }
    gone.forEach(seen()::delete);
    if (changed.isEmpty()) {
      return;
    }
    rebuildIndex();
    Instant now = Instant.ofEpochMilli(wallClockMillis);
    long count = 0;
    try (KeyValueIterator<String, IndicatorState> it = store().all()) {
      while (it.hasNext()) {
        KeyValue<String, IndicatorState> kv = it.next();
        reconcileFor(kv.key, kv.value, changed, now);
        count++;
      }
    }
    metrics.backfilled(count);
  }

  private static String owner(String seenValue) {
    return seenValue.substring(seenValue.lastIndexOf('@') + 1);
  }

  private void rebuildIndex() {
    List<Member> allMembers = new ArrayList<>();
    try (KeyValueIterator<String, Member> it = members().all()) {
      it.forEachRemaining(kv -> allMembers.add(kv.value));
    }
    List<Subscription> allSubs = new ArrayList<>();
    try (KeyValueIterator<String, Subscription> it = subscriptions().all()) {
      it.forEachRemaining(kv -> allSubs.add(kv.value));
    }
    index = SubscriptionIndex.build(allMembers, allSubs);
    metrics.indexed(index.size());
  }

  private void reconcile(
      String key,
      @Nullable IndicatorState state,
      @Nullable Map<String, FeedPlanner.Match> plan,
      Instant now) {
    Map<String, String> before = deliveredFor(key);
    Map<String, FeedPlanner.Match> after = plan == null ? Map.of() : plan;
    for (FeedPlanner.Match m : after.values()) {
      upsertIfChanged(key, state, m, before.get(m.member().getId()), now);
    }
    for (Map.Entry<String, String> e : before.entrySet()) {
      if (!after.containsKey(e.getKey())) {
        withdraw(key, state, e.getKey(), e.getValue(), now);
      }
    }
  }

  private void reconcileFor(
      String key, IndicatorState state, Collection<String> memberIds, Instant now) {
    Map<String, FeedPlanner.Match> plan = FeedPlanner.plan(state, index, memberIds);
    for (String memberId : memberIds) {
      String before = delivered().get(key + SEP + memberId);
      FeedPlanner.Match m = plan.get(memberId);
      if (m != null) {
        upsertIfChanged(key, state, m, before, now);
      } else if (before != null) {
        withdraw(key, state, memberId, before, now);
      }
    }
  }

  private void upsertIfChanged(
      String key,
      @Nullable IndicatorState state,
      FeedPlanner.Match m,
      @Nullable String before,
      Instant now) {
    if (state == null) {
      return;
    }
    String value = m.view().getTlp().name() + "|" + visibleFingerprint(state, m.view());
    if (value.equals(before)) {
      return;
    }
    String memberId = m.member().getId();
    String stix = FeedRenderer.render(state, m.view(), false, state.getModified()).toString();
    FeedEntry entry =
        FeedEntry.newBuilder()
            .setMember(memberId)
            .setOp(FeedOp.UPSERT)
            .setKey(key)
            .setIndicatorId(state.getIndicatorId())
            .setStateVersion(state.getVersion())
            .setStix(stix)
            .setTlp(m.view().getTlp())
            .setScore(m.view().getScore().getValue())
            .setDecision(m.view().getDecision())
            .setReason(null)
            .setSubscriptions(m.subscriptions())
            .setPublishedAt(state.getPublishedAt())
            .setEmittedAt(now)
            .build();
    emit(entry, now);
    delivered().put(key + SEP + memberId, value);
  }

  private void withdraw(
      String key, @Nullable IndicatorState state, String memberId, String before, Instant now) {
    delivered().delete(key + SEP + memberId);
    if (state == null) {
      return; // nothing to render a withdrawal from; the key is gone from the hub
    }
    Tlp marking = Tlp.valueOf(before.substring(0, before.indexOf('|')));
    Member member = index.member(memberId);
    AudienceView view = member == null ? null : MemberView.of(state, member).orElse(null);
    AudienceView shown = view != null ? view : bareView(state, marking);
    String reason = reason(state, member, view);
    Instant modified = now.isAfter(state.getModified()) ? now : state.getModified();
    String stix = FeedRenderer.render(state, shown, true, modified).toString();
    FeedEntry entry =
        FeedEntry.newBuilder()
            .setMember(memberId)
            .setOp(FeedOp.WITHDRAW)
            .setKey(key)
            .setIndicatorId(state.getIndicatorId())
            .setStateVersion(state.getVersion())
            .setStix(stix)
            .setTlp(shown.getTlp())
            .setScore(view == null ? 0.0 : view.getScore().getValue())
            .setDecision(view == null ? Decision.EXPIRED : view.getDecision())
            .setReason(reason)
            .setSubscriptions(List.of())
            .setPublishedAt(state.getPublishedAt())
            .setEmittedAt(now)
            .build();
    emit(entry, now);
  }

  private void emit(FeedEntry entry, Instant now) {
    ctx().forward(new Record<String, Object>(entry.getKey(), entry, now.toEpochMilli()), FEED_SINK);
    AuditEvent audit =
        AuditEvent.newBuilder()
            .setEventId(
                entry.getMember()
                    + ":"
                    + entry.getKey()
                    + ":"
                    + entry.getStateVersion()
                    + ":"
                    + entry.getOp())
            .setKind(AuditKind.DELIVERY)
            .setAt(now)
            .setActor("distribute")
            .setMember(entry.getMember())
            .setChannel("kafka")
            .setKey(entry.getKey())
            .setIndicatorId(entry.getIndicatorId())
            .setVersion(entry.getStateVersion())
            .setMarking(entry.getTlp())
            .setOutcome(entry.getOp() == FeedOp.UPSERT ? "upsert" : "withdraw")
            .setDetail(entry.getReason() == null ? Map.of() : Map.of("reason", entry.getReason()))
            .build();
    ctx()
        .forward(
            new Record<String, Object>(entry.getMember(), audit, now.toEpochMilli()), AUDIT_SINK);
    metrics.entry(entry.getMember(), entry.getOp().name());
    metrics.publishedToFeed(entry.getPublishedAt(), entry.getEmittedAt());
  }

  private static String reason(
      IndicatorState state, @Nullable Member member, @Nullable AudienceView view) {
    if (member == null) {
      return "member-removed";
    }
    if (!member.getEnabled()) {
      return "member-disabled";
    }
    if (view == null) {
      return "not-visible-at-clearance";
    }
    return switch (view.getDecision()) {
      case EXPIRED -> "expired";
      case REVOKED -> "revoked";
      case SUPPRESSED -> "suppressed";
      default -> "no-longer-matches";
    };
  }

  /** A view with nothing in it but the marking of what the member had, to word a withdrawal. */
  private static AudienceView bareView(IndicatorState state, Tlp marking) {
    Instant at = state.getModified();
    return AudienceView.newBuilder()
        .setAudience(AudienceKind.TIER)
        .setTier(org.isachub.wire.avro.Clearance.CLEAR)
        .setRecipient(null)
        .setTlp(marking)
        .setDecision(Decision.EXPIRED)
        .setSources(List.of())
        .setSourceCount(0)
        .setSightingCount(0)
        .setSightingMembers(0)
        .setFalsePositiveCount(0)
        .setFirstSeen(at)
        .setLastSeen(at)
        .setLabels(List.of())
        .setKillChainPhases(List.of())
        .setJurisdictions(List.of())
        .setScore(
            Score.newBuilder()
                .setModelVersion(state.getModelVersion())
                .setValue(0)
                .setBand(0)
                .setCorroboration(0)
                .setSightingFactor(1)
                .setFalsePositiveFactor(1)
                .setBase(0)
                .setDecay(0)
                .setReferenceTime(at)
                .setLifetimeDays(0)
                .setDecaySpeed(1)
                .setEvaluatedAt(at)
                .build())
        .build();
  }

  /** What the member would notice changing: everything in its view but the exact score. */
  private static String visibleFingerprint(IndicatorState state, AudienceView v) {
    return fingerprint(
        String.join(
            "|",
            v.getDecision().name(),
            v.getTlp().name(),
            String.valueOf(v.getScore().getBand()),
            v.getSources().toString(),
            String.valueOf(v.getSightingCount()),
            String.valueOf(v.getFalsePositiveCount()),
            v.getLabels().toString(),
            v.getKillChainPhases().toString(),
            v.getJurisdictions().toString(),
            String.valueOf(state.getValidUntil()),
            state.getPattern()));
  }

  private static String fingerprint(String text) {
    CRC32C crc = new CRC32C();
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    crc.update(bytes);
    return Long.toHexString(crc.getValue())
        + Integer.toHexString(bytes.length)
        + Integer.toHexString(text.hashCode());
  }

  private Map<String, String> deliveredFor(String key) {
    Map<String, String> out = new HashMap<>();
    String prefix = key + SEP;
    try (KeyValueIterator<String, String> it =
        delivered().prefixScan(prefix, Serdes.String().serializer())) {
      while (it.hasNext()) {
        KeyValue<String, String> kv = it.next();
        out.put(kv.key.substring(prefix.length()), kv.value);
      }
    }
    return out;
  }

  private ProcessorContext<String, Object> ctx() {
    if (context == null) {
      throw new IllegalStateException("processor not initialised");
    }
    return context;
  }

  private KeyValueStore<String, IndicatorState> store() {
    return require(indicators);
  }

  private KeyValueStore<String, String> delivered() {
    return require(delivered);
  }

  private KeyValueStore<String, String> seen() {
    return require(seen);
  }

  private KeyValueStore<String, Member> members() {
    return require(members);
  }

  private KeyValueStore<String, Subscription> subscriptions() {
    return require(subscriptions);
  }

  private static <T> T require(@Nullable T store) {
    if (store == null) {
      throw new IllegalStateException("processor not initialised");
    }
    return store;
  }
}
