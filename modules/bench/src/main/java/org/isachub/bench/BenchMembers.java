package org.isachub.bench;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.isachub.wire.avro.Clearance;
import org.isachub.wire.avro.Decision;
import org.isachub.wire.avro.Member;
import org.isachub.wire.avro.MemberKind;
import org.isachub.wire.avro.Subscription;

/**
 * A generated membership like an election-security hub's: a few states cleared for AMBER, many
 * counties cleared for GREEN, some vendors, each with one subscription of varied observable types,
 * score floors and jurisdiction scope.
 */
public final class BenchMembers {

  /** The members. */
  public final List<Member> members = new ArrayList<>();

  /** One subscription per member. */
  public final List<Subscription> subscriptions = new ArrayList<>();

  /**
   * Generates the membership.
   *
   * @param count how many members
   * @param seed random seed
   */
  public BenchMembers(int count, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    Instant now = Instant.now();
    String[][] typeSets = {
      {}, {"ipv4-addr", "url"}, {"domain-name"}, {"ipv4-addr"}, {"file"}, {"url", "domain-name"}
    };
    for (int i = 0; i < count; i++) {
      int roll = random.nextInt(20);
      MemberKind kind =
          roll < 2 ? MemberKind.STATE : roll < 17 ? MemberKind.LOCAL : MemberKind.VENDOR;
      Clearance clearance =
          kind == MemberKind.STATE
              ? Clearance.AMBER
              : roll == 16 ? Clearance.CLEAR : Clearance.GREEN;
      String id = "bench-" + kind.name().toLowerCase() + "-" + i;
      String state = "US-S" + (i % 50);
      members.add(
          Member.newBuilder()
              .setId(id)
              .setDisplayName(id)
              .setKind(kind)
              .setJurisdiction(kind == MemberKind.VENDOR ? null : state)
              .setClearance(clearance)
              .setCreatedAt(now)
              .setUpdatedAt(now)
              .build());
      subscriptions.add(
          Subscription.newBuilder()
              .setId("sub-" + id)
              .setMember(id)
              .setName("bench")
              .setObservableTypes(List.of(typeSets[random.nextInt(typeSets.length)]))
              .setMinScore(random.nextInt(4) * 10)
              .setDecisions(List.of(Decision.ACTIVE))
              .setJurisdictions(random.nextInt(4) == 0 ? List.of(state) : List.of())
              .setCreatedAt(now)
              .setUpdatedAt(now)
              .build());
    }
  }
}
