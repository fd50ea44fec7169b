package org.isachub.bench;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.isachub.distribute.feed.FeedPlanner;
import org.isachub.distribute.feed.SubscriptionIndex;
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
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Matching one indicator change against every member's subscriptions: the subscription index
 * lookup, the TLP-capped view of each candidate member and the filters. Members are one per
 * subscription with a mix of clearances (10 % AMBER, 60 % GREEN, 30 % CLEAR), observable-type sets,
 * score floors and jurisdictions, like a population of state and county offices.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class MatchingBenchmark {

  /** How many members, each with one subscription. */
  @Param({"50", "3500"})
  public int subscriptions;

  private SubscriptionIndex index;
  private IndicatorState[] states;
  private int next;

  /** Builds the members, subscriptions and a cycle of indicator states. */
  @Setup
  public void setUp() {
    SplittableRandom random = new SplittableRandom(11);
    Instant t0 = Instant.parse("2026-11-03T06:00:00Z");
    List<Member> members = new ArrayList<>();
    List<Subscription> subs = new ArrayList<>();
    String[] types = {"ipv4-addr", "domain-name", "url", "file"};
    for (int i = 0; i < subscriptions; i++) {
      int roll = random.nextInt(10);
      Clearance c = roll == 0 ? Clearance.AMBER : roll < 7 ? Clearance.GREEN : Clearance.CLEAR;
      String id = "member-" + i;
      members.add(
          Member.newBuilder()
              .setId(id)
              .setDisplayName(id)
              .setKind(MemberKind.LOCAL)
              .setJurisdiction("US-S" + (i % 50))
              .setClearance(c)
              .setCreatedAt(t0)
              .setUpdatedAt(t0)
              .build());
      List<String> wanted = new ArrayList<>();
      if (random.nextBoolean()) {
        wanted.add(types[random.nextInt(types.length)]);
        wanted.add(types[random.nextInt(types.length)]);
      }
      subs.add(
          Subscription.newBuilder()
              .setId("sub-" + i)
              .setMember(id)
              .setName("s")
              .setObservableTypes(wanted.stream().distinct().toList())
              .setMinScore(random.nextInt(5) * 15)
              .setJurisdictions(random.nextInt(3) == 0 ? List.of("US-S" + (i % 50)) : List.of())
              .setCreatedAt(t0)
              .setUpdatedAt(t0)
              .build());
    }
    index = SubscriptionIndex.build(members, subs);
    states = new IndicatorState[256];
    for (int i = 0; i < states.length; i++) {
      String type = types[i % types.length];
      String key = type + ":bench-" + i;
      double score = 20 + random.nextInt(70);
      List<String> juris = i % 5 == 0 ? List.of("US-S" + (i % 50)) : List.of();
      states[i] =
          IndicatorState.newBuilder()
              .setKey(key)
              .setIndicatorId(StixIds.deterministic("indicator", key))
              .setObservableType(type)
              .setValue("bench-" + i)
              .setPattern("[x-bench:value = '" + i + "']")
              .setVersion(1)
              .setCreated(t0)
              .setModified(t0)
              .setValidFrom(t0)
              .setDecision(Decision.ACTIVE)
              .setContributions(List.of())
              .setSightings(List.of())
              .setViews(
                  List.of(
                      view(Clearance.CLEAR, Tlp.CLEAR, score, juris, t0),
                      view(Clearance.GREEN, Tlp.GREEN, score + 5, juris, t0),
                      view(Clearance.AMBER, Tlp.AMBER, score + 10, juris, t0)))
              .setModelVersion("v1")
              .setPublishedAt(t0)
              .build();
    }
  }

  /**
   * Plans one indicator change.
   *
   * @return the members it reaches (returned so the work is not optimised away)
   */
  @Benchmark
  public Map<String, FeedPlanner.Match> plan() {
    IndicatorState s = states[next++ & (states.length - 1)];
    return FeedPlanner.plan(s, index);
  }

  private static AudienceView view(
      Clearance tier, Tlp tlp, double score, List<String> juris, Instant at) {
    return AudienceView.newBuilder()
        .setAudience(AudienceKind.TIER)
        .setTier(tier)
        .setRecipient(null)
        .setTlp(tlp)
        .setDecision(Decision.ACTIVE)
        .setSources(List.of("feodo"))
        .setSourceCount(1)
        .setSightingCount(0)
        .setSightingMembers(0)
        .setFalsePositiveCount(0)
        .setFirstSeen(at)
        .setLastSeen(at)
        .setLabels(List.of())
        .setKillChainPhases(List.of())
        .setJurisdictions(juris)
        .setScore(
            Score.newBuilder()
                .setModelVersion("v1")
                .setValue(score)
                .setBand((int) score / 20)
                .setCorroboration(0.5)
                .setSightingFactor(1)
                .setFalsePositiveFactor(1)
                .setBase(score)
                .setDecay(1)
                .setReferenceTime(at)
                .setLifetimeDays(47)
                .setDecaySpeed(1.65)
                .setEvaluatedAt(at)
                .build())
        .build();
  }
}
