package org.isachub.stix.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** A STIX indicator: a detection pattern with its validity window. */
public final class Indicator extends StixObject {

  Indicator(ObjectNode node) {
    super(node);
  }

  /**
   * Reads a {@code indicator} object from its JSON tree (copied).
   *
   * @throws IllegalArgumentException when the tree is not a {@code indicator} object with an id
   */
  @JsonCreator
  public static Indicator from(ObjectNode json) {
    return new Indicator(requireType(json, "indicator"));
  }

  /** Returns the {@code name}, if present. */
  public Optional<String> name() {
    return string("name");
  }

  /** Returns the {@code description}, if present. */
  public Optional<String> description() {
    return string("description");
  }

  /** Returns the detection {@code pattern}, if present. */
  public Optional<String> pattern() {
    return string("pattern");
  }

  /** Returns the {@code pattern_type} (e.g. {@code stix}), if present. */
  public Optional<String> patternType() {
    return string("pattern_type");
  }

  /** Returns the {@code pattern_version}, if present. */
  public Optional<String> patternVersion() {
    return string("pattern_version");
  }

  /** Returns {@code valid_from} exactly as written, if present. */
  public Optional<String> validFrom() {
    return string("valid_from");
  }

  /** Returns {@code valid_from} as an instant, if present and well-formed. */
  public Optional<Instant> validFromInstant() {
    return instant("valid_from");
  }

  /** Returns {@code valid_until} exactly as written, if present. */
  public Optional<String> validUntil() {
    return string("valid_until");
  }

  /** Returns {@code valid_until} as an instant, if present and well-formed. */
  public Optional<Instant> validUntilInstant() {
    return instant("valid_until");
  }

  /** Returns the {@code indicator_types}, empty when absent. */
  public List<String> indicatorTypes() {
    return strings("indicator_types");
  }

  /** Returns the {@code kill_chain_phases}, empty when absent. */
  public List<KillChainPhase> killChainPhases() {
    return phases("kill_chain_phases");
  }
}
