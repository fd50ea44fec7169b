package org.isachub.stix.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** A domain name ({@code domain-name}). */
public final class DomainName extends CyberObservable {

  DomainName(ObjectNode node) {
    super(node);
  }

  /**
   * Reads a {@code domain-name} object from its JSON tree (copied).
   *
   * @throws IllegalArgumentException when the tree is not a {@code domain-name} object with an id
   */
  @JsonCreator
  public static DomainName from(ObjectNode json) {
    return new DomainName(requireType(json, "domain-name"));
  }
}
