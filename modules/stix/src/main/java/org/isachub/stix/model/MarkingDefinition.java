package org.isachub.stix.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Optional;

/**
 * A STIX marking-definition: a TLP level (TLP 2.0 by extension, or TLP 1.0 by {@code
 * definition_type: tlp}) or a statement such as a copyright or terms of use.
 */
public final class MarkingDefinition extends StixObject {

  /** The {@code created} time of the standard TLP 2.0 marking objects. */
  public static final String TLP2_CREATED = "2022-10-01T00:00:00.000Z";

  MarkingDefinition(ObjectNode node) {
    super(node);
  }

  /**
   * Reads a {@code marking-definition} object from its JSON tree (copied).
   *
   * @throws IllegalArgumentException when the tree is not a marking-definition with an id
   */
  @JsonCreator
  public static MarkingDefinition from(ObjectNode json) {
    return new MarkingDefinition(requireType(json, "marking-definition"));
  }

  /**
   * Returns the standard TLP 2.0 marking-definition object for a level: its standard id, name and
   * creation time, and the TLP 2.0 property extension.
   */
  public static MarkingDefinition forTlp(Tlp tlp) {
    JsonNodeFactory f = JsonNodeFactory.instance;
    ObjectNode n = f.objectNode();
    n.put("type", "marking-definition");
    n.put("spec_version", "2.1");
    n.put("id", tlp.markingId());
    n.put("created", TLP2_CREATED);
    n.put("name", tlp.displayName());
    ObjectNode ext = f.objectNode();
    ext.put("extension_type", "property-extension");
    ext.put("tlp_2_0", tlp.label());
    n.putObject("extensions").set(Tlp.TLP2_EXTENSION_ID, ext);
    return new MarkingDefinition(n);
  }

  /**
   * Creates a statement marking (e.g. terms of use) with a deterministic id derived from the text.
   *
   * @param statement the statement text
   * @param created creation time
   * @return the marking definition
   */
  public static MarkingDefinition statement(String statement, Instant created) {
    if (statement.isBlank()) {
      throw new IllegalArgumentException("statement must not be blank");
    }
    ObjectNode n = JsonNodeFactory.instance.objectNode();
    n.put("type", "marking-definition");
    n.put("spec_version", "2.1");
    n.put("id", StixIds.deterministic("marking-definition", "statement:" + statement));
    n.put("created", StixTimestamps.format(created));
    n.put("definition_type", "statement");
    n.putObject("definition").put("statement", statement);
    return new MarkingDefinition(n);
  }

  /** Returns the {@code name}, if present. */
  public Optional<String> name() {
    return string("name");
  }

  /** Returns the {@code definition_type} ({@code statement} or {@code tlp}), if present. */
  public Optional<String> definitionType() {
    return string("definition_type");
  }

  /** Returns the statement text of a statement marking. */
  public Optional<String> statementText() {
    if (!definitionType().filter("statement"::equals).isPresent()) {
      return Optional.empty();
    }
    return property("definition")
        .map(d -> d.get("statement"))
        .filter(JsonNode::isTextual)
        .map(JsonNode::asText);
  }

  /**
   * Returns the TLP level this marking-definition stands for, recognised by its standard id (TLP
   * 2.0 or TLP 1.0).
   */
  public Optional<Tlp> tlpLevel() {
    return Tlp.fromMarkingRef(id());
  }
}
