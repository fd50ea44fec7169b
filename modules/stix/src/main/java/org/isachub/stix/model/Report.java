package org.isachub.stix.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Optional;

/** A STIX report: a collection of threat intelligence about a topic. */
public final class Report extends StixObject {

  Report(ObjectNode node) {
    super(node);
  }

  /**
   * Reads a {@code report} object from its JSON tree (copied).
   *
   * @throws IllegalArgumentException when the tree is not a {@code report} object with an id
   */
  @JsonCreator
  public static Report from(ObjectNode json) {
    return new Report(requireType(json, "report"));
  }

  /** Returns the {@code name}, if present. */
  public Optional<String> name() {
    return string("name");
  }

  /** Returns the {@code description}, if present. */
  public Optional<String> description() {
    return string("description");
  }

  /** Returns {@code published} exactly as written, if present. */
  public Optional<String> published() {
    return string("published");
  }

  /** Returns the {@code report_types}, empty when absent. */
  public List<String> reportTypes() {
    return strings("report_types");
  }

  /** Returns the {@code object_refs}, empty when absent. */
  public List<String> objectRefs() {
    return strings("object_refs");
  }
}
