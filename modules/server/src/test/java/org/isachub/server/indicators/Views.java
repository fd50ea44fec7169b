package org.isachub.server.indicators;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.isachub.stix.model.StixIds;
import org.isachub.wire.avro.AudienceKind;
import org.isachub.wire.avro.AudienceView;
import org.isachub.wire.avro.Clearance;
import org.isachub.wire.avro.Decision;
import org.isachub.wire.avro.IndicatorState;
import org.isachub.wire.avro.Score;
import org.isachub.wire.avro.Tlp;
import org.jspecify.annotations.Nullable;

/** Hand-built indicator states with per-audience views for the lookup tests. */
public final class Views {

  public static final Instant T0 = Instant.parse("2026-11-03T06:00:00Z");

  private Views() {}

  public static AudienceView view(
      Clearance tier, @Nullable String recipient, Tlp tlp, double score, String... sources) {
    return AudienceView.newBuilder()
        .setAudience(recipient == null ? AudienceKind.TIER : AudienceKind.RECIPIENT)
        .setTier(tier)
        .setRecipient(recipient)
        .setTlp(tlp)
        .setDecision(Decision.ACTIVE)
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

  public static IndicatorState state(String key, AudienceView... views) {
    String type = key.substring(0, key.indexOf(':'));
    String value = key.substring(key.indexOf(':') + 1);
    return IndicatorState.newBuilder()
        .setKey(key)
        .setIndicatorId(StixIds.deterministic("indicator", key))
        .setObservableType(type)
        .setValue(value)
        .setPattern("[" + type + ":value = '" + value + "']")
        .setVersion(1)
        .setCreated(T0)
        .setModified(T0)
        .setValidFrom(T0)
        .setDecision(Decision.ACTIVE)
        .setContributions(new ArrayList<>())
        .setSightings(new ArrayList<>())
        .setViews(new ArrayList<>(List.of(views)))
        .setModelVersion("v1")
        .setPublishedAt(T0)
        .build();
  }
}
