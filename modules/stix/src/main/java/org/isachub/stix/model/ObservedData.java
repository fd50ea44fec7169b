package org.isachub.stix.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/** STIX observed data: raw cyber observations and how often they were seen. */
public final class ObservedData extends StixObject {

  ObservedData(ObjectNode node) {
    super(node);
  }

  /**
   * Reads a {@code observed-data} object from its JSON tree (copied).
   *
   * @throws IllegalArgumentException when the tree is not a {@code observed-data} object with an id
   */
  @JsonCreator
  public static ObservedData from(ObjectNode json) {
    return new ObservedData(requireType(json, "observed-data"));
  }

  /** Returns {@code first_observed} exactly as written, if present. */
  public Optional<String> firstObserved() {
    return string("first_observed");
  }

  /** Returns {@code last_observed} exactly as written, if present. */
  public Optional<String> lastObserved() {
    return string("last_observed");
  }

  /** Returns {@code number_observed}, if present. */
  public OptionalInt numberObserved() {
    return integer("number_observed");
  }

  /** Returns the {@code object_refs} (cyber observables and relationships), empty when absent. */
  public List<String> objectRefs() {
    return strings("object_refs");
  }
}
