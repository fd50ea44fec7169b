package org.isachub.enrich.policy;

/** What the hub does with an indicator: only {@link #ACTIVE} indicators are distributed. */
public enum DecisionStatus {
  /** Distributed to whoever may see it. */
  ACTIVE,
  /** Matches a warninglist of known-benign observables; withdrawn from feeds. */
  SUPPRESSED,
  /** The score decayed under the floor or {@code valid_until} passed; withdrawn from feeds. */
  EXPIRED,
  /** Every source withdrew its contribution; withdrawn from feeds. */
  REVOKED
}
