package org.isachub.stix.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** An IPv4 address or CIDR block ({@code ipv4-addr}). */
public final class Ipv4Address extends CyberObservable {

  Ipv4Address(ObjectNode node) {
    super(node);
  }

  /**
   * Reads a {@code ipv4-addr} object from its JSON tree (copied).
   *
   * @throws IllegalArgumentException when the tree is not a {@code ipv4-addr} object with an id
   */
  @JsonCreator
  public static Ipv4Address from(ObjectNode json) {
    return new Ipv4Address(requireType(json, "ipv4-addr"));
  }
}
