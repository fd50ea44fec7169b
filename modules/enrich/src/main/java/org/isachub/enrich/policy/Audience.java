package org.isachub.enrich.policy;

import org.isachub.enrich.model.Clearance;
import org.isachub.enrich.model.Contribution;
import org.isachub.enrich.model.Sighting;
import org.isachub.enrich.model.Tlp;
import org.jspecify.annotations.Nullable;

/**
 * Who a clearance view is for: everyone cleared for a tier, or one named recipient.
 *
 * <p>A tier audience sees material whose marking is at or below its clearance (never AMBER+STRICT
 * or RED). A recipient audience sees what its own clearance tier sees plus the AMBER+STRICT and RED
 * material that names it — never the AMBER tier unless it is itself cleared for AMBER.
 *
 * @param clearance the tier; for a recipient, the recipient's own clearance
 * @param recipient the recipient's member id, or null for a tier audience
 */
public record Audience(Clearance clearance, @Nullable String recipient) {

  /** Checks that a recipient id is not blank. */
  public Audience {
    if (recipient != null && recipient.isBlank()) {
      throw new IllegalArgumentException("an audience recipient id must not be blank");
    }
  }

  /** Everyone cleared for {@code clearance}. */
  public static Audience tier(Clearance clearance) {
    return new Audience(clearance, null);
  }

  /** The named recipient {@code memberId}, whose own clearance is {@code clearance}. */
  public static Audience recipient(String memberId, Clearance clearance) {
    return new Audience(clearance, memberId);
  }

  /** Whether this audience may see material with the given marking and recipients. */
  public boolean maySee(Tlp tlp, java.util.Set<String> recipients) {
    if (clearance.permits(tlp)) {
      return true;
    }
    return recipient != null && tlp.isRecipientRestricted() && recipients.contains(recipient);
  }

  /** Whether this audience may see the contribution. */
  public boolean maySee(Contribution c) {
    return maySee(c.tlp(), c.recipients());
  }

  /** Whether this audience may see the sighting report. */
  public boolean maySee(Sighting s) {
    return maySee(s.tlp(), s.recipients());
  }

  @Override
  public String toString() {
    return recipient == null
        ? "tier " + clearance
        : "recipient " + recipient + " (" + clearance + ")";
  }
}
