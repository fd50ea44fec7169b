package org.isachub.stix.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** A URL ({@code url}). */
public final class Url extends CyberObservable {

  Url(ObjectNode node) {
    super(node);
  }

  /**
   * Reads a {@code url} object from its JSON tree (copied).
   *
   * @throws IllegalArgumentException when the tree is not a {@code url} object with an id
   */
  @JsonCreator
  public static Url from(ObjectNode json) {
    return new Url(requireType(json, "url"));
  }
}
