package org.isachub.distribute.feed;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.isachub.stix.model.StixIds;
import org.isachub.wire.avro.AudienceKind;
import org.isachub.wire.avro.AudienceView;
import org.isachub.wire.avro.Clearance;
import org.isachub.wire.avro.Decision;
import org.isachub.wire.avro.IndicatorState;
import org.isachub.wire.avro.Member;
import org.isachub.wire.avro.MemberKind;
import org.isachub.wire.avro.Score;
import org.isachub.wire.avro.Subscription;
import org.isachub.wire.avro.Tlp;
import org.jspecify.annotations.Nullable;

/** Hand-built indicator states, members and subscriptions for the distribute tests. */
public final class States {

  public static final Instant T0 = Instant.parse("2026-11-03T06:00:00Z");

  private States() {}

  public static AudienceView view(
      Clearance tier,
      @Nullable String recipient,
      Tlp tlp,
      Decision decision,
      double score,
      String... sources) {
    return AudienceView.newBuilder()
        .setAudience(recipient == null ? AudienceKind.TIER : AudienceKind.RECIPIENT)
        .setTier(tier)
        .setRecipient(recipient)
        .setTlp(tlp)
        .setDecision(decision)
        .setSources(List.of(sources))
        .setSourceCount(sources.length)
        .setSightingCount(0)
        .setSightingMembers(0)
        .setFalsePositiveCount(0)
        .setFirstSeen(T0)
        .setLastSeen(T0)
        .setLabels(List.of())
        .setKillChainPhases(List.of())
        .setJurisdictions(List.of())
        .setScore(
            Score.newBuilder()
                .setModelVersion("v1")
                .setValue(score)
                .setBand((int) (score / 20))
                .setCorroboration(score / 100)
                .setSightingFactor(1)
                .setFalsePositiveFactor(1)
                .setBase(score)
                .setDecay(1)
                .setReferenceTime(T0)
                .setLifetimeDays(47)
                .setDecaySpeed(1.65)
                .setEvaluatedAt(T0)
                .build())
        .build();
  }

  public static IndicatorState state(
      String key, long version, Decision decision, AudienceView... views) {
    String type = key.substring(0, key.indexOf(':'));
    String value = key.substring(key.indexOf(':') + 1);
    return IndicatorState.newBuilder()
        .setKey(key)
        .setIndicatorId(StixIds.deterministic("indicator", key))
        .setObservableType(type)
        .setValue(value)
        .setPattern("[" + type + ":value = '" + value + "']")
        .setVersion(version)
        .setCreated(T0)
        .setModified(T0.plusSeconds(version))
        .setValidFrom(T0)
        .setDecision(decision)
        .setContributions(new ArrayList<>())
        .setSightings(new ArrayList<>())
        .setViews(new ArrayList<>(List.of(views)))
        .setModelVersion("v1")
        .setPublishedAt(T0)
        .build();
  }

  public static Member member(String id, Clearance clearance) {
    return Member.newBuilder()
        .setId(id)
        .setDisplayName(id)
        .setKind(MemberKind.STATE)
        .setJurisdiction(null)
        .setClearance(clearance)
        .setCreatedAt(T0)
        .setUpdatedAt(T0)
        .build();
  }

  public static Subscription everything(String id, String member) {
    return Subscription.newBuilder()
        .setId(id)
        .setMember(member)
        .setName("everything")
        .setCreatedAt(T0)
        .setUpdatedAt(T0)
        .build();
  }
}
