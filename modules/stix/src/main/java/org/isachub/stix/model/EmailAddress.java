package org.isachub.stix.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;

/** An email address ({@code email-addr}). */
public final class EmailAddress extends CyberObservable {

  EmailAddress(ObjectNode node) {
    super(node);
  }

  /**
   * Reads a {@code email-addr} object from its JSON tree (copied).
   *
   * @throws IllegalArgumentException when the tree is not a {@code email-addr} object with an id
   */
  @JsonCreator
  public static EmailAddress from(ObjectNode json) {
    return new EmailAddress(requireType(json, "email-addr"));
  }

  /** Returns the {@code display_name}, if present. */
  public Optional<String> displayName() {
    return string("display_name");
  }
}
