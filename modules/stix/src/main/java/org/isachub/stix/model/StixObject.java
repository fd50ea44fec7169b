package org.isachub.stix.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A STIX 2.1 object backed by its JSON tree, so every property (unknown ones, {@code x_} custom
 * properties, {@code extensions}), the property order and the exact timestamp text survive a read
 * and a write unchanged. Typed accessors read from the tree.
 *
 * <p>Instances are immutable: the tree is copied on the way in and on the way out, so they are safe
 * to share between threads.
 */
public abstract class StixObject {

  private final ObjectNode node;

  /** Wraps a tree that the caller no longer mutates; subclasses check the type. */
  protected StixObject(ObjectNode node) {
    this.node = node;
  }

  /**
   * Creates the typed model object for a JSON object, by its {@code type} property; types the hub
   * does not model become {@link GenericStixObject}.
   *
   * @param json a JSON object with string {@code type} and {@code id} properties
   * @return the model object, holding a copy of the tree
   * @throws IllegalArgumentException when the object has no string {@code type} or {@code id}
   */
  @JsonCreator
  public static StixObject of(ObjectNode json) {
    return wrap(json.deepCopy());
  }

  /** Dispatches without copying; for trees that nobody else holds. */
  static StixObject wrap(ObjectNode node) {
    JsonNode type = node.get("type");
    JsonNode id = node.get("id");
    if (type == null || !type.isTextual()) {
      throw new IllegalArgumentException("STIX object has no string 'type' property");
    }
    if (id == null || !id.isTextual()) {
      throw new IllegalArgumentException(
          "STIX object of type '" + type.asText() + "' has no string 'id' property");
    }
    return switch (type.asText()) {
      case "indicator" -> new Indicator(node);
      case "sighting" -> new Sighting(node);
      case "identity" -> new Identity(node);
      case "marking-definition" -> new MarkingDefinition(node);
      case "relationship" -> new Relationship(node);
      case "report" -> new Report(node);
      case "observed-data" -> new ObservedData(node);
      case "ipv4-addr" -> new Ipv4Address(node);
      case "ipv6-addr" -> new Ipv6Address(node);
      case "domain-name" -> new DomainName(node);
      case "url" -> new Url(node);
      case "file" -> new StixFile(node);
      case "email-addr" -> new EmailAddress(node);
      case "autonomous-system" -> new AutonomousSystem(node);
      case "mac-addr" -> new MacAddress(node);
      case "windows-registry-key" -> new WindowsRegistryKey(node);
      default -> new GenericStixObject(node);
    };
  }

  /** Returns a copy of the object's JSON tree, properties in their original order. */
  @JsonValue
  public ObjectNode toJson() {
    return node.deepCopy();
  }

  /** The tree itself, for writing without a copy inside this package. */
  ObjectNode tree() {
    return node;
  }

  /** Returns the {@code type} property. */
  public String type() {
    return node.get("type").asText();
  }

  /** Returns the {@code id} property. */
  public String id() {
    return node.get("id").asText();
  }

  /** Returns the {@code spec_version} property, if present. */
  public Optional<String> specVersion() {
    return string("spec_version");
  }

  /** Returns the {@code created} timestamp exactly as written, if present. */
  public Optional<String> created() {
    return string("created");
  }

  /** Returns {@code created} as an instant, if present and well-formed. */
  public Optional<Instant> createdInstant() {
    return instant("created");
  }

  /** Returns the {@code modified} timestamp exactly as written, if present. */
  public Optional<String> modified() {
    return string("modified");
  }

  /** Returns {@code modified} as an instant, if present and well-formed. */
  public Optional<Instant> modifiedInstant() {
    return instant("modified");
  }

  /** Returns the {@code created_by_ref} identity id, if present. */
  public Optional<String> createdByRef() {
    return string("created_by_ref");
  }

  /** Returns the {@code object_marking_refs}, empty when absent. */
  public List<String> objectMarkingRefs() {
    return strings("object_marking_refs");
  }

  /** Returns the most restrictive TLP level among the object markings, if any. */
  public Optional<Tlp> tlp() {
    return Tlp.strictestOf(objectMarkingRefs());
  }

  /** Returns the {@code labels}, empty when absent. */
  public List<String> labels() {
    return strings("labels");
  }

  /** Returns whether the object is revoked ({@code revoked: true}); false when absent. */
  public boolean revoked() {
    JsonNode v = node.get("revoked");
    return v != null && v.isBoolean() && v.booleanValue();
  }

  /** Returns the {@code confidence} (0..100), if present as an integer. */
  public OptionalInt confidence() {
    return integer("confidence");
  }

  /** Returns the {@code lang} property, if present. */
  public Optional<String> lang() {
    return string("lang");
  }

  /** Returns the {@code external_references}, empty when absent; malformed entries are skipped. */
  public List<ExternalReference> externalReferences() {
    JsonNode refs = node.get("external_references");
    if (refs == null || !refs.isArray()) {
      return List.of();
    }
    List<ExternalReference> out = new ArrayList<>();
    for (JsonNode r : refs) {
      JsonNode source = r.get("source_name");
      if (r.isObject() && source != null && source.isTextual()) {
        out.add(
            new ExternalReference(
                source.asText(),
                textOrNull(r.get("description")),
                textOrNull(r.get("url")),
                textOrNull(r.get("external_id"))));
      }
    }
    return Collections.unmodifiableList(out);
  }

  /** Returns a copy of the {@code extensions} dictionary, if present. */
  public Optional<JsonNode> extensions() {
    return property("extensions");
  }

  /**
   * Returns a copy of any property, including unknown and custom ones.
   *
   * @param name the property name
   * @return the value, or empty when the property is absent
   */
  public Optional<JsonNode> property(String name) {
    JsonNode v = node.get(name);
    return v == null ? Optional.empty() : Optional.of(v.deepCopy());
  }

  /** Returns the property names in their original order. */
  public List<String> propertyNames() {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return Collections.unmodifiableList(names);
  }

  /** Reads a string property. */
  protected final Optional<String> string(String name) {
    JsonNode v = node.get(name);
    return v != null && v.isTextual() ? Optional.of(v.asText()) : Optional.empty();
  }

  /** Reads a list-of-strings property, skipping non-string items. */
  protected final List<String> strings(String name) {
    JsonNode v = node.get(name);
    if (v == null || !v.isArray()) {
      return List.of();
    }
    List<String> out = new ArrayList<>(v.size());
    for (JsonNode item : v) {
      if (item.isTextual()) {
        out.add(item.asText());
      }
    }
    return Collections.unmodifiableList(out);
  }

  /** Reads an integer property that fits in an int. */
  protected final OptionalInt integer(String name) {
    JsonNode v = node.get(name);
    return v != null && v.isIntegralNumber() && v.canConvertToInt()
        ? OptionalInt.of(v.intValue())
        : OptionalInt.empty();
  }

  /** Reads a timestamp property as an instant. */
  protected final Optional<Instant> instant(String name) {
    return string(name).flatMap(StixTimestamps::tryParse);
  }

  /** Reads a boolean property. */
  protected final Optional<Boolean> bool(String name) {
    JsonNode v = node.get(name);
    return v != null && v.isBoolean() ? Optional.of(v.booleanValue()) : Optional.empty();
  }

  /** Reads the kill chain phases of an object, skipping malformed entries. */
  protected final List<KillChainPhase> phases(String name) {
    JsonNode v = node.get(name);
    if (v == null || !v.isArray()) {
      return List.of();
    }
    List<KillChainPhase> out = new ArrayList<>();
    for (JsonNode p : v) {
      JsonNode chain = p.get("kill_chain_name");
      JsonNode phase = p.get("phase_name");
      if (chain != null && chain.isTextual() && phase != null && phase.isTextual()) {
        out.add(new KillChainPhase(chain.asText(), phase.asText()));
      }
    }
    return Collections.unmodifiableList(out);
  }

  private static @org.jspecify.annotations.Nullable String textOrNull(
      @org.jspecify.annotations.Nullable JsonNode v) {
    return v != null && v.isTextual() ? v.asText() : null;
  }

  /** Checks the type of a tree handed to a typed subclass factory. */
  static ObjectNode requireType(ObjectNode json, String type) {
    JsonNode t = json.get("type");
    if (t == null || !type.equals(t.asText())) {
      throw new IllegalArgumentException(
          "expected a '" + type + "' object, got type " + (t == null ? "(none)" : t.toString()));
    }
    wrap(json); // checks id presence as well
    return json.deepCopy();
  }

  /** Two objects are equal when their JSON trees are equal. */
  @Override
  public final boolean equals(Object o) {
    return o instanceof StixObject other && node.equals(other.node);
  }

  @Override
  public final int hashCode() {
    return node.hashCode();
  }

  /** Returns the type and id, e.g. {@code indicator--…}, for logs. */
  @Override
  public String toString() {
    return getClass().getSimpleName() + "[" + id() + "]";
  }
}
