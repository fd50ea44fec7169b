package org.isachub.enrich.model;

/**
 * The TLP tier a member is cleared for; a member sees material marked at or below its tier.
 *
 * <p>Clearance never reaches AMBER+STRICT or RED: those are shared only with named recipients.
 */
public enum Clearance {
  /** Sees CLEAR material only (e.g. a public feed). */
  CLEAR(Tlp.CLEAR),
  /** Sees CLEAR and GREEN material: every vetted member. */
  GREEN(Tlp.GREEN),
  /** Sees CLEAR, GREEN and AMBER material. */
  AMBER(Tlp.AMBER);

  private final Tlp ceiling;

  Clearance(Tlp ceiling) {
    this.ceiling = ceiling;
  }

  /** The most restrictive marking this clearance sees. */
  public Tlp ceiling() {
    return ceiling;
  }

  /** Whether material marked {@code tlp} is visible at this clearance by tier alone. */
  public boolean permits(Tlp tlp) {
    return !tlp.isRecipientRestricted() && tlp.compareTo(ceiling) <= 0;
  }
}
