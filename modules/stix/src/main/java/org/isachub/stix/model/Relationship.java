package org.isachub.stix.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;

/** A STIX relationship between two objects. */
public final class Relationship extends StixObject {

  Relationship(ObjectNode node) {
    super(node);
  }

  /**
   * Reads a {@code relationship} object from its JSON tree (copied).
   *
   * @throws IllegalArgumentException when the tree is not a {@code relationship} object with an id
   */
  @JsonCreator
  public static Relationship from(ObjectNode json) {
    return new Relationship(requireType(json, "relationship"));
  }

  /** Returns the {@code relationship_type}, e.g. {@code indicates}, if present. */
  public Optional<String> relationshipType() {
    return string("relationship_type");
  }

  /** Returns the {@code source_ref}, if present. */
  public Optional<String> sourceRef() {
    return string("source_ref");
  }

  /** Returns the {@code target_ref}, if present. */
  public Optional<String> targetRef() {
    return string("target_ref");
  }

  /** Returns the {@code description}, if present. */
  public Optional<String> description() {
    return string("description");
  }

  /** Returns {@code start_time} exactly as written, if present. */
  public Optional<String> startTime() {
    return string("start_time");
  }

  /** Returns {@code stop_time} exactly as written, if present. */
  public Optional<String> stopTime() {
    return string("stop_time");
  }
}
