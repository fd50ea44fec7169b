package org.isachub.distribute.member;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.isachub.wire.TopicSpec;
import org.isachub.wire.Topics;
import org.isachub.wire.avro.Member;
import org.isachub.wire.avro.Subscription;
import org.isachub.wire.avro.TokenHash;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Administrative writes to members and subscriptions: add, disable, rotate and revoke tokens, add,
 * replace and disable subscriptions. Each change is validated against the {@link MemberDirectory},
 * written with an idempotent {@code acks=all} producer, acknowledged, applied to the directory
 * before the call returns (so the caller reads its own write), and recorded as an {@code
 * ADMIN_CHANGE} audit event.
 *
 * <p>Thread-safe: changes made through one instance are serialised. Two instances changing the same
 * member at once (two admin processes) are last-writer-wins.
 */
public final class MemberAdmin implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(MemberAdmin.class);

  /** Revoked tokens kept on a member's record, newest first, for the audit trail. */
  static final int REVOKED_KEPT = 10;

  private final KafkaProducer<String, byte[]> producer;
  private final MemberDirectory directory;
  private final AuditLog audit;
  private final Clock clock;
  private final Duration timeout;

  /** A member with the token just issued for it; the token is shown once and never stored. */
  public record Issued(Member member, String token) {
    @Override
    public String toString() {
      return "Issued[member=" + member.getId() + ", token=(hidden)]";
    }
  }

  /**
   * Creates the writer.
   *
   * @param kafka Kafka client settings (bootstrap servers and pass-through settings)
   * @param clientId the producer's {@code client.id}, naming the process
   * @param directory the directory the writes are checked against and awaited in (started)
   * @param audit where changes are recorded
   * @param clock the time source for timestamps and token expiry
   * @param timeout how long to wait for acknowledgement and for the directory
   */
  public MemberAdmin(
      Map<String, Object> kafka,
      String clientId,
      MemberDirectory directory,
      AuditLog audit,
      Clock clock,
      Duration timeout) {
    Map<String, Object> settings = new HashMap<>(kafka);
    settings.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
    settings.put(ProducerConfig.ACKS_CONFIG, "all");
    settings.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    // Fail an administrative call promptly when Kafka is away instead of blocking for a minute.
    settings.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) Math.min(timeout.toMillis(), 60_000));
    this.producer =
        new KafkaProducer<>(settings, new StringSerializer(), new ByteArraySerializer());
    this.directory = directory;
    this.audit = audit;
    this.clock = clock;
    this.timeout = timeout;
  }

  /**
   * Adds a member with one new token.
   *
   * @param spec the member
   * @param actor who adds it
   * @return the member and its token
   * @throws MemberAdminException if invalid, if the id is taken, or if Kafka is away
   */
  public synchronized Issued addMember(MemberSpec spec, Actor actor) {
    MemberSpec valid = Validation.member(spec);
    if (directory.member(valid.id()).isPresent()) {
      throw new MemberAdminException(
          MemberAdminException.Reason.CONFLICT, "member '" + valid.id() + "' exists already");
    }
    Instant now = clock.instant();
    Tokens.Issued token = Tokens.issue(now, null);
    Member member =
        Member.newBuilder()
            .setId(valid.id())
            .setDisplayName(valid.displayName())
            .setKind(valid.kind())
            .setJurisdiction(valid.jurisdiction())
            .setClearance(valid.clearance())
            .setEnabled(true)
            .setAnonymous(valid.anonymous())
            .setSourceReliability(null)
            .setGrantedSources(List.of())
            .setTokens(List.of(token.hash()))
            .setWebhook(null)
            .setCreatedAt(now)
            .setUpdatedAt(now)
            .build();
    write(Topics.MEMBERS, member.getId(), member);
    audit(
        actor,
        member.getId(),
        "member-added",
        Map.of(
            "kind", valid.kind().name(),
            "clearance", valid.clearance().name(),
            "token_id", token.hash().getTokenId()),
        now);
    return new Issued(member, token.token());
  }

  /**
   * Disables a member: it can no longer authenticate and receives nothing.
   *
   * @param id the member id
   * @param actor who disables it
   * @return the member as written
   * @throws MemberAdminException if there is no such member, or if Kafka is away
   */
  public synchronized Member disableMember(String id, Actor actor) {
    Member current = existing(id);
    Instant now = clock.instant();
    Member member = Member.newBuilder(current).setEnabled(false).setUpdatedAt(now).build();
    write(Topics.MEMBERS, id, member);
    audit(actor, id, "member-disabled", Map.of(), now);
    return member;
  }

  /**
   * Enables a disabled member again.
   *
   * @param id the member id
   * @param actor who enables it
   * @return the member as written
   * @throws MemberAdminException if there is no such member, or if Kafka is away
   */
  public synchronized Member enableMember(String id, Actor actor) {
    Member current = existing(id);
    Instant now = clock.instant();
    Member member = Member.newBuilder(current).setEnabled(true).setUpdatedAt(now).build();
    write(Topics.MEMBERS, id, member);
    audit(actor, id, "member-enabled", Map.of(), now);
    return member;
  }

  /**
   * Issues a new token for a member and revokes every token it held.
   *
   * @param id the member id
   * @param validFor how long the new token works, or null for no expiry
   * @param actor who rotates it
   * @return the member as written and the new token
   * @throws MemberAdminException if there is no such member, or if Kafka is away
   */
  public synchronized Issued rotateToken(String id, @Nullable Duration validFor, Actor actor) {
    Member current = existing(id);
    Instant now = clock.instant();
    Tokens.Issued token = Tokens.issue(now, validFor == null ? null : now.plus(validFor));
    List<TokenHash> tokens = new ArrayList<>();
    tokens.add(token.hash());
    List<String> revoked = new ArrayList<>();
    List<TokenHash> old = new ArrayList<>();
    for (TokenHash t : current.getTokens()) {
      if (t.getRevokedAt() == null) {
        old.add(TokenHash.newBuilder(t).setRevokedAt(now).build());
        revoked.add(t.getTokenId());
      } else {
        old.add(t);
      }
    }
    tokens.addAll(pruned(old));
    Member member = Member.newBuilder(current).setTokens(tokens).setUpdatedAt(now).build();
    write(Topics.MEMBERS, id, member);
    audit(
        actor,
        id,
        "token-rotated",
        Map.of("token_id", token.hash().getTokenId(), "revoked", String.join(",", revoked)),
        now);
    return new Issued(member, token.token());
  }

  /**
   * Revokes one token of a member.
   *
   * @param id the member id
   * @param tokenId the public id of the token
   * @param actor who revokes it
   * @return the member as written
   * @throws MemberAdminException if there is no such member or token, or if Kafka is away
   */
  public synchronized Member revokeToken(String id, String tokenId, Actor actor) {
    Member current = existing(id);
    Instant now = clock.instant();
    boolean found = false;
    List<TokenHash> tokens = new ArrayList<>();
    for (TokenHash t : current.getTokens()) {
      if (t.getTokenId().equals(tokenId)) {
        found = true;
        tokens.add(
            t.getRevokedAt() == null ? TokenHash.newBuilder(t).setRevokedAt(now).build() : t);
      } else {
        tokens.add(t);
      }
    }
    if (!found) {
      throw new MemberAdminException(
          MemberAdminException.Reason.NOT_FOUND,
          "member '" + id + "' has no token '" + tokenId + "'");
    }
    Member member = Member.newBuilder(current).setTokens(tokens).setUpdatedAt(now).build();
    write(Topics.MEMBERS, id, member);
    audit(actor, id, "token-revoked", Map.of("token_id", tokenId), now);
    return member;
  }

  /**
   * Adds a subscription.
   *
   * @param spec the subscription
   * @param actor who adds it
   * @return the subscription as written
   * @throws MemberAdminException if invalid, if the id is taken, if the member does not exist, or
   *     if Kafka is away
   */
  public synchronized Subscription addSubscription(SubscriptionSpec spec, Actor actor) {
    SubscriptionSpec valid = Validation.subscription(spec);
    if (directory.subscription(valid.id()).isPresent()) {
      throw new MemberAdminException(
          MemberAdminException.Reason.CONFLICT, "subscription '" + valid.id() + "' exists already");
    }
    return save(valid, null, actor);
  }

  /**
   * Creates or replaces a subscription of the member the spec names. A subscription with this id
   * that belongs to another member is not touched.
   *
   * @param spec the subscription
   * @param actor who saves it
   * @return the subscription as written
   * @throws MemberAdminException if invalid, if the id belongs to another member, if the member
   *     does not exist, or if Kafka is away
   */
  public synchronized Subscription putSubscription(SubscriptionSpec spec, Actor actor) {
    SubscriptionSpec valid = Validation.subscription(spec);
    Subscription current = directory.subscription(valid.id()).orElse(null);
    if (current != null && !current.getMember().equals(valid.member())) {
      throw new MemberAdminException(
          MemberAdminException.Reason.FORBIDDEN,
          "subscription '" + valid.id() + "' belongs to another member");
    }
    return save(valid, current, actor);
  }

  /**
   * Disables a subscription: it matches nothing and what it delivered is withdrawn.
   *
   * @param id the subscription id
   * @param actor who disables it
   * @return the subscription as written
   * @throws MemberAdminException if there is no such subscription, or if Kafka is away
   */
  public synchronized Subscription disableSubscription(String id, Actor actor) {
    Subscription current =
        directory
            .subscription(id)
            .orElseThrow(
                () ->
                    new MemberAdminException(
                        MemberAdminException.Reason.NOT_FOUND, "no subscription '" + id + "'"));
    Instant now = clock.instant();
    Subscription s = Subscription.newBuilder(current).setEnabled(false).setUpdatedAt(now).build();
    write(Topics.SUBSCRIPTIONS, id, s);
    audit(actor, s.getMember(), "subscription-disabled", Map.of("subscription", id), now);
    return s;
  }

  private Subscription save(SubscriptionSpec valid, @Nullable Subscription current, Actor actor) {
    if (directory.member(valid.member()).isEmpty()) {
      throw new MemberAdminException(
          MemberAdminException.Reason.NOT_FOUND, "no member '" + valid.member() + "'");
    }
    Instant now = clock.instant();
    Subscription s =
        Subscription.newBuilder()
            .setId(valid.id())
            .setMember(valid.member())
            .setName(valid.name())
            .setEnabled(valid.enabled())
            .setObservableTypes(valid.observableTypes())
            .setMinScore(valid.minScore())
            .setDecisions(valid.decisions())
            .setLabels(valid.labels())
            .setKillChainPhases(valid.killChainPhases())
            .setSourcesInclude(valid.sourcesIncluded())
            .setSourcesExclude(valid.sourcesExcluded())
            .setJurisdictions(valid.jurisdictions())
            .setChannels(valid.channels())
            .setCreatedAt(current == null ? now : current.getCreatedAt())
            .setUpdatedAt(now)
            .build();
    write(Topics.SUBSCRIPTIONS, s.getId(), s);
    audit(
        actor,
        s.getMember(),
        current == null ? "subscription-added" : "subscription-replaced",
        Map.of("subscription", s.getId()),
        now);
    return s;
  }

  private Member existing(String id) {
    return directory
        .member(id)
        .orElseThrow(
            () ->
                new MemberAdminException(
                    MemberAdminException.Reason.NOT_FOUND, "no member '" + id + "'"));
  }

  private static List<TokenHash> pruned(List<TokenHash> revoked) {
    List<TokenHash> sorted = new ArrayList<>(revoked);
    sorted.sort(
        Comparator.comparing(
                (TokenHash t) -> t.getRevokedAt() == null ? Instant.MAX : t.getRevokedAt())
            .reversed());
    return sorted.size() > REVOKED_KEPT ? sorted.subList(0, REVOKED_KEPT) : sorted;
  }

  private <V> void write(TopicSpec<String, V> topic, String key, V value) {
    byte[] bytes = topic.valueSerde().serializer().serialize(topic.name(), value);
    RecordMetadata md;
    try {
      md =
          producer
              .send(
                  new ProducerRecord<>(topic.name(), key, bytes),
                  (m, e) -> {
                    if (e != null) {
                      LOG.warn(
                          "event=admin-write-failed topic={} key={} error={}",
                          topic.name(),
                          key,
                          e.toString());
                    }
                  })
              .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException | TimeoutException | org.apache.kafka.common.KafkaException e) {
      throw new MemberAdminException(
          MemberAdminException.Reason.UNAVAILABLE,
          "the change was not acknowledged by Kafka in time; it may or may not have been applied");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new MemberAdminException(
          MemberAdminException.Reason.UNAVAILABLE, "interrupted while writing the change");
    }
    try {
      if (!directory.awaitApplied(topic.name(), md.partition(), md.offset(), timeout)) {
        LOG.warn(
            "event=admin-write-not-yet-visible topic={} key={} offset={}",
            topic.name(),
            key,
            md.offset());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    LOG.info("event=admin-write topic={} key={} offset={}", topic.name(), key, md.offset());
  }

  private void audit(
      Actor actor, String member, String action, Map<String, String> detail, Instant now) {
    try {
      audit.recordAndWait(AuditLog.adminChange(actor, member, action, detail, now), timeout);
    } catch (AuditException e) {
      LOG.error(
          "event=admin-audit-failed member={} action={} error={}", member, action, e.getMessage());
    }
  }

  /** Flushes and closes the producer; the directory and audit log belong to the caller. */
  @Override
  public void close() {
    producer.close(Duration.ofSeconds(10));
  }
}
