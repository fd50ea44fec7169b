package org.isachub.stix.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Any STIX object the hub does not model by type, e.g. an attack-pattern or an x-mitre-tactic;
 * every property is still reachable through {@link #property(String)} and survives a round trip.
 */
public final class GenericStixObject extends StixObject {

  GenericStixObject(ObjectNode node) {
    super(node);
  }

  /**
   * Reads any STIX object from its JSON tree (copied) without a typed view.
   *
   * @throws IllegalArgumentException when the tree has no string {@code type} or {@code id}
   */
  @JsonCreator
  public static GenericStixObject from(ObjectNode json) {
    ObjectNode copy = json.deepCopy();
    wrap(copy);
    return new GenericStixObject(copy);
  }
}
