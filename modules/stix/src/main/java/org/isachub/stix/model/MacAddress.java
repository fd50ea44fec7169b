package org.isachub.stix.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** A MAC address ({@code mac-addr}). */
public final class MacAddress extends CyberObservable {

  MacAddress(ObjectNode node) {
    super(node);
  }

  /**
   * Reads a {@code mac-addr} object from its JSON tree (copied).
   *
   * @throws IllegalArgumentException when the tree is not a {@code mac-addr} object with an id
   */
  @JsonCreator
  public static MacAddress from(ObjectNode json) {
    return new MacAddress(requireType(json, "mac-addr"));
  }
}
