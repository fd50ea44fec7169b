package org.isachub.enrich.policy;

import org.jspecify.annotations.Nullable;

/**
 * The decision about an indicator, with the warninglist for {@code SUPPRESSED} and a reason.
 *
 * @param status the decision
 * @param warninglist the name of the matching warninglist; present exactly when {@code SUPPRESSED}
 * @param reason a short human-readable explanation, e.g. {@code score 7.31 below floor 10}
 */
public record Decision(DecisionStatus status, @Nullable String warninglist, String reason) {

  /** Checks that a warninglist is named exactly when suppressed. */
  public Decision {
    if ((status == DecisionStatus.SUPPRESSED) != (warninglist != null)) {
      throw new IllegalArgumentException(
          "a decision names a warninglist exactly when it is SUPPRESSED, got "
              + status
              + " with warninglist "
              + warninglist);
    }
  }

  /** An active decision. */
  public static Decision active(String reason) {
    return new Decision(DecisionStatus.ACTIVE, null, reason);
  }

  /** A suppression by the named warninglist. */
  public static Decision suppressed(String warninglist) {
    return new Decision(DecisionStatus.SUPPRESSED, warninglist, "on warninglist " + warninglist);
  }

  /** An expiry with its reason. */
  public static Decision expired(String reason) {
    return new Decision(DecisionStatus.EXPIRED, null, reason);
  }

  /** A revocation: every source withdrew. */
  public static Decision revoked() {
    return new Decision(DecisionStatus.REVOKED, null, "every source withdrew");
  }

  /** Whether the indicator is distributed. */
  public boolean isActive() {
    return status == DecisionStatus.ACTIVE;
  }
}
