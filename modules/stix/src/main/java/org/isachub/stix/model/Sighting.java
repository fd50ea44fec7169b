package org.isachub.stix.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/** A STIX sighting: the belief that something (usually an indicator) was seen. */
public final class Sighting extends StixObject {

  Sighting(ObjectNode node) {
    super(node);
  }

  /**
   * Reads a {@code sighting} object from its JSON tree (copied).
   *
   * @throws IllegalArgumentException when the tree is not a {@code sighting} object with an id
   */
  @JsonCreator
  public static Sighting from(ObjectNode json) {
    return new Sighting(requireType(json, "sighting"));
  }

  /** Returns the id of the object that was sighted, if present. */
  public Optional<String> sightingOfRef() {
    return string("sighting_of_ref");
  }

  /** Returns the identities or locations that saw it, empty when absent. */
  public List<String> whereSightedRefs() {
    return strings("where_sighted_refs");
  }

  /** Returns the observed-data objects that back the sighting, empty when absent. */
  public List<String> observedDataRefs() {
    return strings("observed_data_refs");
  }

  /** Returns how many times it was seen, if present. */
  public OptionalInt count() {
    return integer("count");
  }

  /** Returns {@code first_seen} exactly as written, if present. */
  public Optional<String> firstSeen() {
    return string("first_seen");
  }

  /** Returns {@code first_seen} as an instant, if present and well-formed. */
  public Optional<Instant> firstSeenInstant() {
    return instant("first_seen");
  }

  /** Returns {@code last_seen} exactly as written, if present. */
  public Optional<String> lastSeen() {
    return string("last_seen");
  }

  /** Returns {@code last_seen} as an instant, if present and well-formed. */
  public Optional<Instant> lastSeenInstant() {
    return instant("last_seen");
  }

  /** Returns whether this is summary data; false when absent. */
  public boolean summary() {
    return bool("summary").orElse(false);
  }

  /** Returns the {@code description}, if present. */
  public Optional<String> description() {
    return string("description");
  }
}
