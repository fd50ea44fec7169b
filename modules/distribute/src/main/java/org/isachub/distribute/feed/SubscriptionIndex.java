package org.isachub.distribute.feed;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.isachub.wire.avro.Clearance;
import org.isachub.wire.avro.Member;
import org.isachub.wire.avro.Subscription;
import org.jspecify.annotations.Nullable;

/**
 * The enabled subscriptions of enabled members, indexed by the member's clearance tier, the
 * observable type and the minimum score, so that an indicator change looks only at subscriptions
 * that can possibly want it instead of scanning every one.
 *
 * <p>Immutable and thread-safe once built.
 */
public final class SubscriptionIndex {

  private static final String ANY_TYPE = "*";
  private static final Subscription[] NONE = new Subscription[0];

  private final Map<Clearance, Map<String, Subscription[]>> byTierAndType;
  private final Map<String, List<Subscription>> byMember;
  private final Map<String, Member> members;
  private final int size;

  private SubscriptionIndex(
      Map<Clearance, Map<String, Subscription[]>> byTierAndType,
      Map<String, List<Subscription>> byMember,
      Map<String, Member> members,
      int size) {
    this.byTierAndType = byTierAndType;
    this.byMember = byMember;
    this.members = members;
    this.size = size;
  }

  /**
   * Builds the index.
   *
   * @param members every member
   * @param subscriptions every subscription; those of unknown or disabled members, and disabled
   *     ones, are left out
   * @return the index
   */
  public static SubscriptionIndex build(
      Collection<Member> members, Collection<Subscription> subscriptions) {
    Map<String, Member> byId = new HashMap<>();
    for (Member m : members) {
      byId.put(m.getId(), m);
    }
    Map<Clearance, Map<String, List<Subscription>>> buckets = new EnumMap<>(Clearance.class);
    Map<String, List<Subscription>> byMember = new HashMap<>();
    int size = 0;
    for (Subscription s : subscriptions) {
      Member m = byId.get(s.getMember());
      if (m == null || !m.getEnabled() || !s.getEnabled()) {
        continue;
      }
      size++;
      byMember.computeIfAbsent(m.getId(), k -> new ArrayList<>()).add(s);
      Map<String, List<Subscription>> tier =
          buckets.computeIfAbsent(m.getClearance(), k -> new HashMap<>());
      if (s.getObservableTypes().isEmpty()) {
        tier.computeIfAbsent(ANY_TYPE, k -> new ArrayList<>()).add(s);
      } else {
        for (String type : s.getObservableTypes()) {
          tier.computeIfAbsent(type, k -> new ArrayList<>()).add(s);
        }
      }
    }
    Map<Clearance, Map<String, Subscription[]>> frozen = new EnumMap<>(Clearance.class);
    for (Map.Entry<Clearance, Map<String, List<Subscription>>> tier : buckets.entrySet()) {
      Map<String, Subscription[]> types = new HashMap<>();
      for (Map.Entry<String, List<Subscription>> e : tier.getValue().entrySet()) {
        Subscription[] sorted = e.getValue().toArray(NONE);
        java.util.Arrays.sort(sorted, Comparator.comparingDouble(Subscription::getMinScore));
        types.put(e.getKey(), sorted);
      }
      frozen.put(tier.getKey(), types);
    }
    return new SubscriptionIndex(frozen, byMember, byId, size);
  }

  /**
   * The subscriptions that may want an indicator of a type with a score, seen at a tier.
   *
   * @param observableType the indicator's observable type
   * @param tier the clearance tier whose view is being matched
   * @param score the score in that view
   * @return candidate subscriptions (their other filters still apply)
   */
  public List<Subscription> candidates(String observableType, Clearance tier, double score) {
    Map<String, Subscription[]> types = byTierAndType.get(tier);
    if (types == null) {
      return List.of();
    }
    List<Subscription> out = new ArrayList<>();
    addUpTo(types.getOrDefault(observableType, NONE), score, out);
    addUpTo(types.getOrDefault(ANY_TYPE, NONE), score, out);
    return out;
  }

  /**
   * The enabled subscriptions of one member.
   *
   * @param memberId the member
   * @return its subscriptions, empty if none or disabled
   */
  public List<Subscription> ofMember(String memberId) {
    return byMember.getOrDefault(memberId, List.of());
  }

  /**
   * A member by id.
   *
   * @param memberId the id
   * @return the member, or null if unknown
   */
  public @Nullable Member member(String memberId) {
    return members.get(memberId);
  }

  /**
   * How many subscriptions are indexed.
   *
   * @return the count of enabled subscriptions of enabled members
   */
  public int size() {
    return size;
  }

  private static void addUpTo(Subscription[] sorted, double score, List<Subscription> out) {
    // Sorted by min_score: every subscription before the first with a higher floor is a candidate.
    int lo = 0;
    int hi = sorted.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (sorted[mid].getMinScore() <= score) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    for (int i = 0; i < lo; i++) {
      out.add(sorted[i]);
    }
  }
}
