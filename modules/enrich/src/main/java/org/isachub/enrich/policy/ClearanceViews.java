package org.isachub.enrich.policy;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.isachub.enrich.model.Clearance;

/**
 * Every view of one indicator: one per clearance tier and one per named recipient, each present
 * only when the audience can see at least one contribution.
 *
 * @param key the canonical observable key
 * @param tiers the views by tier, for the tiers that see the indicator
 * @param recipients the views of named recipients of AMBER+STRICT or RED material, by member id
 */
public record ClearanceViews(
    String key, Map<Clearance, ClearanceView> tiers, Map<String, ClearanceView> recipients) {

  /** Copies the maps. */
  public ClearanceViews {
    tiers = Map.copyOf(tiers);
    recipients = java.util.Collections.unmodifiableMap(new TreeMap<>(recipients));
  }

  /** The view of one tier, empty when that tier does not see the indicator. */
  public Optional<ClearanceView> tier(Clearance clearance) {
    return Optional.ofNullable(tiers.get(clearance));
  }

  /**
   * The view a member gets: its recipient view when it is named, else its tier's view; empty when
   * the indicator does not exist for it.
   *
   * @throws IllegalArgumentException when the member's recipient view was computed for another
   *     clearance (recompute the views after a clearance change)
   */
  public Optional<ClearanceView> forMember(String memberId, Clearance clearance) {
    ClearanceView named = recipients.get(memberId);
    if (named != null) {
      if (named.audience().clearance() != clearance) {
        throw new IllegalArgumentException(
            "the view of "
                + memberId
                + " was computed for clearance "
                + named.audience().clearance()
                + ", not "
                + clearance
                + "; recompute the views");
      }
      return Optional.of(named);
    }
    return tier(clearance);
  }
}
