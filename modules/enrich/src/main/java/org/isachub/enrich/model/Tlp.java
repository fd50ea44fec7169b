package org.isachub.enrich.model;

import java.util.Locale;

/**
 * A Traffic Light Protocol 2.0 marking, ordered from least to most restrictive.
 *
 * <p>{@code CLEAR ≤ GREEN ≤ AMBER} are tiers a member can be cleared for; {@link #AMBER_STRICT} and
 * {@link #RED} are never shared by clearance, only with the recipients the submitter names.
 */
public enum Tlp {
  /** Public; may be shared without limit. */
  CLEAR("CLEAR"),
  /** The community: every member. */
  GREEN("GREEN"),
  /** Members cleared for AMBER. */
  AMBER("AMBER"),
  /** Only the named recipients, within their own organisation. */
  AMBER_STRICT("AMBER+STRICT"),
  /** Only the named recipients, personally. */
  RED("RED");

  private final String label;

  Tlp(String label) {
    this.label = label;
  }

  /** The TLP 2.0 label, e.g. {@code AMBER+STRICT}. */
  public String label() {
    return label;
  }

  /** Whether this marking is shared only with named recipients (AMBER+STRICT or RED). */
  public boolean isRecipientRestricted() {
    return this == AMBER_STRICT || this == RED;
  }

  /** The more restrictive of this marking and {@code other}. */
  public Tlp max(Tlp other) {
    return compareTo(other) >= 0 ? this : other;
  }

  /**
   * Parses a TLP 2.0 label, case-insensitively, accepting {@code AMBER+STRICT} and {@code
   * AMBER_STRICT}.
   *
   * @throws IllegalArgumentException naming the label when it is not a TLP 2.0 marking
   */
  public static Tlp parse(String label) {
    String normalised = label.strip().toUpperCase(Locale.ROOT).replace('_', '+');
    for (Tlp tlp : values()) {
      if (tlp.label.equals(normalised)) {
        return tlp;
      }
    }
    throw new IllegalArgumentException(
        "not a TLP 2.0 marking: '"
            + label
            + "' (expected CLEAR, GREEN, AMBER, AMBER+STRICT or RED)");
  }

  @Override
  public String toString() {
    return label;
  }
}
