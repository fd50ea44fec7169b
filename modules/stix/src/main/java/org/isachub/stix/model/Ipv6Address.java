package org.isachub.stix.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** An IPv6 address or CIDR block ({@code ipv6-addr}). */
public final class Ipv6Address extends CyberObservable {

  Ipv6Address(ObjectNode node) {
    super(node);
  }

  /**
   * Reads a {@code ipv6-addr} object from its JSON tree (copied).
   *
   * @throws IllegalArgumentException when the tree is not a {@code ipv6-addr} object with an id
   */
  @JsonCreator
  public static Ipv6Address from(ObjectNode json) {
    return new Ipv6Address(requireType(json, "ipv6-addr"));
  }
}
