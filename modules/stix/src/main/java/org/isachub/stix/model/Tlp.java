package org.isachub.stix.model;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Traffic Light Protocol 2.0 levels, in order of increasing restriction, with their standard STIX
 * marking-definition ids.
 */
public enum Tlp {
  /** Disclosure is not limited. */
  CLEAR(
      "TLP:CLEAR",
      "clear",
      "marking-definition--94868c89-83c2-464b-929b-a1a8aa3c8487",
      "marking-definition--613f2e26-407d-48c7-9eca-b8e91df99dc9"),
  /** Limited to the community. */
  GREEN(
      "TLP:GREEN",
      "green",
      "marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb",
      "marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da"),
  /** Limited to the recipient's organisation and its clients. */
  AMBER(
      "TLP:AMBER",
      "amber",
      "marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421",
      "marking-definition--f88d31f6-486f-44da-b317-01333bde0b82"),
  /** Limited to the recipient's organisation only. */
  AMBER_STRICT(
      "TLP:AMBER+STRICT",
      "amber+strict",
      "marking-definition--939a9414-2ddd-4d32-a0cd-375ea402b003",
      null),
  /** For the eyes and ears of the individual recipients only. */
  RED(
      "TLP:RED",
      "red",
      "marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1",
      "marking-definition--5e57c739-391a-4eb3-b6be-7d15ca92d5ed");

  /** The id of the extension definition that defines the TLP 2.0 marking objects. */
  public static final String TLP2_EXTENSION_ID =
      "extension-definition--60a3c5c5-0d10-413e-aab3-9e08dde9e88d";

  private final String displayName;
  private final String label;
  private final String markingId;
  private final @Nullable String tlp1MarkingId;

  Tlp(String displayName, String label, String markingId, @Nullable String tlp1MarkingId) {
    this.displayName = displayName;
    this.label = label;
    this.markingId = markingId;
    this.tlp1MarkingId = tlp1MarkingId;
  }

  /** Returns the standard TLP 2.0 marking-definition id for this level. */
  public String markingId() {
    return markingId;
  }

  /**
   * Returns the TLP 1.0 marking-definition id of STIX 2.1 section 7.2.1.4, if the level has one.
   */
  public Optional<String> tlp1MarkingId() {
    return Optional.ofNullable(tlp1MarkingId);
  }

  /** Returns the standard marking name, e.g. {@code TLP:AMBER+STRICT}. */
  public String displayName() {
    return displayName;
  }

  /** Returns the lowercase label used by the TLP 2.0 extension, e.g. {@code amber+strict}. */
  public String label() {
    return label;
  }

  /** Returns whether this level is at least as restrictive as {@code other}. */
  public boolean isAtLeastAsRestrictiveAs(Tlp other) {
    return compareTo(other) >= 0;
  }

  /**
   * Maps a marking-definition id to its TLP level; recognises the TLP 2.0 ids and the TLP 1.0 ids
   * (TLP 1.0 WHITE maps to {@link #CLEAR}).
   *
   * @param id a marking-definition id
   * @return the level, or empty when the id is not a standard TLP marking
   */
  public static Optional<Tlp> fromMarkingRef(String id) {
    for (Tlp tlp : values()) {
      if (tlp.markingId.equals(id) || id.equals(tlp.tlp1MarkingId)) {
        return Optional.of(tlp);
      }
    }
    return Optional.empty();
  }

  /**
   * Returns the most restrictive TLP level among the given marking references.
   *
   * @param markingRefs marking-definition ids, e.g. an object's {@code object_marking_refs}
   * @return the strictest level, or empty when none of the ids is a TLP marking
   */
  public static Optional<Tlp> strictestOf(Collection<String> markingRefs) {
    Tlp strictest = null;
    for (String ref : markingRefs) {
      Tlp tlp = fromMarkingRef(ref).orElse(null);
      if (tlp != null && (strictest == null || tlp.compareTo(strictest) > 0)) {
        strictest = tlp;
      }
    }
    return Optional.ofNullable(strictest);
  }

  /**
   * Parses a level name such as {@code TLP:AMBER+STRICT}, {@code amber_strict} or {@code white}.
   *
   * @param name the name, case-insensitive, with or without the {@code TLP:} prefix
   * @return the level
   * @throws IllegalArgumentException when the name is not a TLP level
   */
  public static Tlp fromName(String name) {
    String n = name.trim().toLowerCase(Locale.ROOT);
    if (n.startsWith("tlp:")) {
      n = n.substring(4);
    }
    n = n.replace('_', '+').replace('-', '+');
    if (n.equals("white")) {
      return CLEAR;
    }
    for (Tlp tlp : values()) {
      if (tlp.label.equals(n)) {
        return tlp;
      }
    }
    throw new IllegalArgumentException("not a TLP level: '" + name + "'");
  }
}
