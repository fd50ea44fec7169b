package org.isachub.stix.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** A STIX identity: an individual, organisation, group or system (e.g. the hub or a member). */
public final class Identity extends StixObject {

  Identity(ObjectNode node) {
    super(node);
  }

  /**
   * Reads an {@code identity} object from its JSON tree (copied).
   *
   * @throws IllegalArgumentException when the tree is not an {@code identity} object with an id
   */
  @JsonCreator
  public static Identity from(ObjectNode json) {
    return new Identity(requireType(json, "identity"));
  }

  /**
   * Creates an organisation identity the hub authors, with a deterministic id derived from {@code
   * key} (so the hub's own identity has the same id on every node, forever).
   *
   * @param key stable key of the organisation, e.g. {@code isachub} or a member id
   * @param name display name
   * @param created creation time (also used as modified)
   * @return the identity
   */
  public static Identity organization(String key, String name, Instant created) {
    String ts = StixTimestamps.format(created);
    ObjectNode n = JsonNodeFactory.instance.objectNode();
    n.put("type", "identity");
    n.put("spec_version", "2.1");
    n.put("id", StixIds.deterministic("identity", "organization:" + key));
    n.put("created", ts);
    n.put("modified", ts);
    n.put("name", name);
    n.put("identity_class", "organization");
    return new Identity(n);
  }

  /** Returns the {@code name}, if present. */
  public Optional<String> name() {
    return string("name");
  }

  /** Returns the {@code identity_class}, e.g. {@code organization}, if present. */
  public Optional<String> identityClass() {
    return string("identity_class");
  }

  /** Returns the {@code sectors}, empty when absent. */
  public List<String> sectors() {
    return strings("sectors");
  }

  /** Returns the {@code roles}, empty when absent. */
  public List<String> roles() {
    return strings("roles");
  }

  /** Returns the {@code contact_information}, if present. */
  public Optional<String> contactInformation() {
    return string("contact_information");
  }
}
