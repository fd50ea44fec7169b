package org.isachub.stix.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;
import java.util.OptionalLong;

/** An autonomous system ({@code autonomous-system}). */
public final class AutonomousSystem extends CyberObservable {

  AutonomousSystem(ObjectNode node) {
    super(node);
  }

  /**
   * Reads a {@code autonomous-system} object from its JSON tree (copied).
   *
   * @throws IllegalArgumentException when the tree is not a {@code autonomous-system} object with
   *     an id
   */
  @JsonCreator
  public static AutonomousSystem from(ObjectNode json) {
    return new AutonomousSystem(requireType(json, "autonomous-system"));
  }

  /** Returns the AS {@code number}, if present as an integer. */
  public OptionalLong number() {
    JsonNode n = property("number").orElse(null);
    return n != null && n.isIntegralNumber() && n.canConvertToLong()
        ? OptionalLong.of(n.longValue())
        : OptionalLong.empty();
  }

  /** Returns the {@code name}, if present. */
  public Optional<String> name() {
    return string("name");
  }
}
