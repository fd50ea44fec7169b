package org.isachub.stix.validate;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.isachub.stix.model.Identity;
import org.isachub.stix.model.IndicatorBuilder;
import org.isachub.stix.model.MarkingDefinition;
import org.isachub.stix.model.SharedData;
import org.isachub.stix.model.StixTimestamps;
import org.isachub.stix.model.Tlp;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Differential test: our validator against the official OASIS STIX 2.1 JSON Schemas (networknt, one
 * object at a time, each against the schema for its type), over every STIX 2.1 object in the shared
 * data and systematically broken variants of each.
 *
 * <p>For every case: when the schema rejects, ours must reject; when the schema accepts, ours may
 * reject only by a rule JSON Schema cannot express ({@link ValidationRule#beyondSchema()}). Where a
 * variant targets such a rule, ours must reject with exactly that rule. Where the schemas and the
 * specification disagree, the case is listed in {@link Deviation} with the verdicts each side must
 * give, so a deviation is always recorded and never silent.
 *
 * <p>Pattern validity is not compared: the schemas do not look inside patterns, so the validator
 * runs here with a check that accepts every pattern (pattern rejection is tested in {@link
 * StixValidatorTest}).
 */
class SchemaDifferentialTest {

  /**
   * Points where the OASIS schemas and the STIX 2.1 specification disagree; our validator follows
   * the specification. Each entry says which variants it covers and both verdicts.
   */
  enum Deviation {
    /**
     * core.json allows spec_version "2.0"; the 2.1 specification requires "2.1" on 2.1 objects, and
     * this is a 2.1 validator.
     */
    SCHEMA_ACCEPTS_SPEC_VERSION_2_0(true, false),
    /**
     * properties.json's name pattern {@code ^([a-z][a-z0-9_]{2,249})|id$} is unanchored at the end,
     * so it accepts any name that merely starts with three allowed characters (e.g. {@code
     * x_bad-name}); the specification allows only a-z, 0-9 and underscore.
     */
    SCHEMA_PROPERTY_NAME_PATTERN_UNANCHORED(true, false),
    /**
     * marking-definition.json applies no rules to custom properties at all (no properties.json),
     * while the specification's custom-property rules cover every object.
     */
    SCHEMA_MARKING_DEFINITION_IGNORES_CUSTOM_PROPERTIES(true, false),
    /**
     * granular-marking.json requires marking_ref, while the specification (7.2.3) allows a granular
     * marking with lang instead of marking_ref (exactly one of the two).
     */
    SCHEMA_GRANULAR_MARKING_REQUIRES_MARKING_REF(false, true),
    /**
     * core.json, used for custom objects, cannot tie the id prefix to the type; the specification
     * requires the id to start with the object's own type.
     */
    GENERIC_CORE_SCHEMA_CANNOT_CHECK_ID_PREFIX(true, false);

    final boolean schemaValid;
    final boolean oursValid;

    Deviation(boolean schemaValid, boolean oursValid) {
      this.schemaValid = schemaValid;
      this.oursValid = oursValid;
    }
  }

  /** A broken (or unbroken) variant of a data object and what it targets. */
  record Variant(
      String name,
      ObjectNode json,
      Optional<ValidationRule> beyondRule,
      Optional<Deviation> deviation) {}

  private static final JsonNodeFactory F = JsonNodeFactory.instance;
  private static final ObjectMapper PLAIN = new ObjectMapper();
  private static final String OTHER_UUID = "8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f";

  private static OasisSchemas schemas;
  private static StixValidator validator;

  @BeforeAll
  static void load() {
    Path dir = SharedData.dir();
    schemas = new OasisSchemas(dir.resolve("stix/oasis-json-schemas"));
    validator = StixValidator.standard();
  }

  @Test
  void shouldAgreeWithOasisSchemasOnEveryObjectAndEveryBrokenVariant() throws IOException {
    List<String> mismatches = new ArrayList<>();
    Map<String, Integer> objectsByType = new TreeMap<>();
    Map<Deviation, Integer> deviationsSeen = new EnumMap<>(Deviation.class);
    int objects = 0;
    int variants = 0;
    int beyondChecked = 0;
    int originalsRejected = 0;
    for (Path file : SharedData.stix21Documents()) {
      JsonNode doc = PLAIN.readTree(Files.readAllBytes(file));
      List<JsonNode> objs = new ArrayList<>();
      if ("bundle".equals(doc.path("type").asText())) {
        doc.path("objects").forEach(objs::add);
      } else {
        objs.add(doc);
      }
      for (JsonNode o : objs) {
        objects++;
        String type = o.path("type").asText();
        objectsByType.merge(type, 1, Integer::sum);
        String schemaFile = schemas.schemaFileFor(type);
        for (Variant v : variantsOf((ObjectNode) o, schemaFile)) {
          variants++;
          boolean schemaValid = schemas.validate(schemaFile, v.json()).isEmpty();
          if (v.name().equals("original") && !schemaValid) {
            originalsRejected++;
          }
          List<Violation> ours = validator.validate(v.json());
          String where = file.getFileName() + " " + o.path("id").asText() + " " + v.name();
          if (v.deviation().isPresent()) {
            Deviation d = v.deviation().get();
            deviationsSeen.merge(d, 1, Integer::sum);
            if (schemaValid != d.schemaValid || ours.isEmpty() != d.oursValid) {
              mismatches.add(
                  where
                      + ": deviation "
                      + d
                      + " did not hold: schema "
                      + verdict(schemaValid)
                      + ", ours "
                      + ours);
            }
            continue;
          }
          if (v.beyondRule().isPresent()) {
            beyondChecked++;
            ValidationRule rule = v.beyondRule().get();
            boolean hasRule = ours.stream().anyMatch(x -> x.rule().equals(rule.code()));
            if (!hasRule) {
              mismatches.add(
                  where + ": expected ours to reject by " + rule.code() + ", got " + ours);
            }
            if (!schemaValid) {
              mismatches.add(where + ": beyond-schema variant is rejected by the schema too");
            }
            continue;
          }
          boolean oursValidAtSchemaLevel =
              ours.stream().allMatch(SchemaDifferentialTest::beyondSchema);
          if (!schemaValid && ours.isEmpty()) {
            mismatches.add(
                where
                    + ": schema rejects, ours accepts; schema says "
                    + schemas.validate(schemaFile, v.json()));
          } else if (schemaValid && !oursValidAtSchemaLevel) {
            mismatches.add(where + ": schema accepts, ours rejects: " + ours);
          }
        }
      }
    }
    System.out.printf(
        "Differential: %d objects (%d types, %d rejected by the schemas as published), %d variants"
            + " (%d aimed at beyond-schema rules), deviations %s%n",
        objects, objectsByType.size(), originalsRejected, variants, beyondChecked, deviationsSeen);
    assertThat(mismatches.subList(0, Math.min(40, mismatches.size())))
        .as("%d disagreements between our validator and the schemas (first 40)", mismatches.size())
        .isEmpty();
    assertThat(objects).isGreaterThan(2400);
    // Every recorded deviation must actually be exercised, or it should be removed.
    assertThat(deviationsSeen.keySet()).containsExactlyInAnyOrder(Deviation.values());
  }

  @Test
  void shouldEmitObjectsThatPassBothValidators() {
    Instant t = Instant.parse("2024-03-01T10:15:30.123Z");
    Identity hub = Identity.organization("isachub", "isachub", t);
    List<ObjectNode> emitted = new ArrayList<>();
    emitted.add(hub.toJson());
    for (Tlp tlp : Tlp.values()) {
      emitted.add(MarkingDefinition.forTlp(tlp).toJson());
      emitted.add(
          IndicatorBuilder.forKey("ipv4-addr:198.51.100." + tlp.ordinal())
              .pattern("[ipv4-addr:value = '198.51.100." + tlp.ordinal() + "']")
              .name("C2 address")
              .indicatorType("malicious-activity")
              .created(t)
              .modified(t.plusSeconds(60))
              .validFrom(t)
              .validUntil(t.plus(Duration.ofDays(47)))
              .confidence(85)
              .label("c2")
              .killChainPhase("lockheed-martin-cyber-kill-chain", "command-and-control")
              .tlp(tlp)
              .createdByRef(hub.id())
              .build()
              .toJson());
    }
    emitted.add(
        IndicatorBuilder.forKey("domain-name:example.org")
            .pattern("[domain-name:value = 'example.org']")
            .created(t)
            .validFrom(t)
            .revoked(true)
            .build()
            .toJson());
    emitted.add(MarkingDefinition.statement("Copyright 2024 isachub members", t).toJson());
    for (ObjectNode o : emitted) {
      String schemaFile = schemas.schemaFileFor(o.path("type").asText());
      assertThat(schemas.validate(schemaFile, o)).as("schema errors for %s", o).isEmpty();
      assertThat(validator.validate(o)).as("our violations for %s", o).isEmpty();
    }
    assertThat(emitted).hasSize(13);
  }

  private static boolean beyondSchema(Violation v) {
    return v.validationRule().beyondSchema();
  }

  private static String verdict(boolean valid) {
    return valid ? "accepts" : "rejects";
  }

  /** Builds the original and its broken variants. */
  private static List<Variant> variantsOf(ObjectNode o, String schemaFile) {
    List<Variant> out = new ArrayList<>();
    String type = o.path("type").asText();
    boolean marking = type.equals("marking-definition");
    // A TLP 1.0 marking must equal a fixed object, so both sides reject any change to it.
    boolean fixedTlp = marking && "tlp".equals(o.path("definition_type").asText());
    boolean generic = schemaFile.equals(OasisSchemas.GENERIC);
    boolean sdoLike = o.has("created") && o.has("modified");
    out.add(plain("original", o.deepCopy()));

    // Drop each property, and give each a value of the wrong JSON type.
    for (String name : names(o)) {
      ObjectNode dropped = o.deepCopy();
      dropped.remove(name);
      out.add(plain("drop " + name, dropped));
      ObjectNode wrong = o.deepCopy();
      wrong.set(name, wrongType(o.get(name)));
      out.add(plain("wrong type " + name, wrong));
    }

    // Identifier and version.
    String id = o.path("id").asText();
    String uuid = id.contains("--") ? id.substring(id.indexOf("--") + 2) : OTHER_UUID;
    String otherType = type.equals("indicator") ? "malware" : "indicator";
    ObjectNode badPrefix = with(o, "id", F.textNode(otherType + "--" + uuid));
    out.add(
        generic
            ? deviation(
                "bad id prefix", badPrefix, Deviation.GENERIC_CORE_SCHEMA_CANNOT_CHECK_ID_PREFIX)
            : plain("bad id prefix", badPrefix));
    out.add(plain("bad id uuid", with(o, "id", F.textNode(type + "--not-a-uuid"))));
    out.add(plain("spec_version 2.2", with(o, "spec_version", F.textNode("2.2"))));
    if (fixedTlp) {
      out.add(plain("spec_version 2.0", with(o, "spec_version", F.textNode("2.0"))));
    } else if (o.has("spec_version")) {
      out.add(
          deviation(
              "spec_version 2.0",
              with(o, "spec_version", F.textNode("2.0")),
              Deviation.SCHEMA_ACCEPTS_SPEC_VERSION_2_0));
    }

    // Timestamps: impossible month, missing Z, and less than millisecond precision.
    for (String name : names(o)) {
      JsonNode v = o.get(name);
      if (v.isTextual() && StixTimestamps.hasValidShape(v.asText())) {
        out.add(plain("month 13 " + name, with(o, name, F.textNode("2016-13-01T00:00:00.000Z"))));
        out.add(plain("no Z " + name, with(o, name, F.textNode("2016-01-01T00:00:00.000"))));
        out.add(plain("seconds only " + name, with(o, name, F.textNode("2016-01-01T00:00:00Z"))));
      }
    }

    // Numbers out of range.
    if (sdoLike && !marking) {
      out.add(plain("confidence 101", with(o, "confidence", F.numberNode(101))));
      out.add(plain("confidence -1", with(o, "confidence", F.numberNode(-1))));
      out.add(plain("confidence 50", with(o, "confidence", F.numberNode(50))));
    }
    if (type.equals("sighting")) {
      out.add(plain("count too big", with(o, "count", F.numberNode(1_000_000_000))));
      out.add(
          plain(
              "where_sighted_refs malware",
              with(o, "where_sighted_refs", F.arrayNode().add("malware--" + OTHER_UUID))));
      out.add(
          beyond(
              "sighting_of_ref observable",
              with(o, "sighting_of_ref", F.textNode("ipv4-addr--" + OTHER_UUID)),
              ValidationRule.REF_TYPE));
    }
    if (type.equals("observed-data")) {
      out.add(plain("number_observed 0", with(o, "number_observed", F.numberNode(0))));
    }

    // Custom properties: null, empty list, bad names, reserved names, hex suffix.
    Optional<Deviation> markingDev =
        marking && !fixedTlp
            ? Optional.of(Deviation.SCHEMA_MARKING_DEFINITION_IGNORES_CUSTOM_PROPERTIES)
            : Optional.empty();
    out.add(custom("custom null", with(o, "x_isachub_note", F.nullNode()), markingDev));
    out.add(custom("custom empty list", with(o, "x_isachub_tags", F.arrayNode()), markingDev));
    out.add(plain("custom ok", with(o, "x_isachub_score", F.numberNode(7))));
    out.add(custom("custom name uppercase", with(o, "Xisachub", F.textNode("v")), markingDev));
    out.add(custom("custom name too short", with(o, "xy", F.textNode("v")), markingDev));
    out.add(
        custom(
            "custom name hyphen",
            with(o, "x_bad-name", F.textNode("v")),
            fixedTlp
                ? Optional.empty()
                : Optional.of(
                    marking
                        ? Deviation.SCHEMA_MARKING_DEFINITION_IGNORES_CUSTOM_PROPERTIES
                        : Deviation.SCHEMA_PROPERTY_NAME_PATTERN_UNANCHORED)));
    out.add(custom("custom hex not hex", with(o, "x_isachub_hex", F.textNode("xyz")), markingDev));
    if (!marking) {
      out.add(plain("reserved severity", with(o, "severity", F.textNode("high"))));
    }

    // Rules the schemas cannot express.
    if (sdoLike && !marking) {
      Optional<Instant> created = StixTimestamps.tryParse(o.path("created").asText());
      if (created.isPresent()) {
        String earlier = StixTimestamps.format(created.get().minus(Duration.ofDays(1)));
        out.add(
            beyond(
                "modified before created",
                with(o, "modified", F.textNode(earlier)),
                ValidationRule.MODIFIED_NOT_BEFORE_CREATED));
      }
      out.add(
          beyond(
              "created_by_ref to malware",
              with(o, "created_by_ref", F.textNode("malware--" + OTHER_UUID)),
              ValidationRule.REF_TYPE));
      out.add(
          beyond(
              "object_marking_refs to identity",
              with(o, "object_marking_refs", F.arrayNode().add("identity--" + OTHER_UUID)),
              ValidationRule.REF_TYPE));
      ArrayNode langOnly = F.arrayNode();
      langOnly.addObject().put("lang", "en").set("selectors", F.arrayNode().add("type"));
      out.add(
          deviation(
              "granular marking by lang",
              with(o, "granular_markings", langOnly),
              Deviation.SCHEMA_GRANULAR_MARKING_REQUIRES_MARKING_REF));
      ArrayNode neither = F.arrayNode();
      neither.addObject().set("selectors", F.arrayNode().add("type"));
      out.add(plain("granular marking with neither", with(o, "granular_markings", neither)));
      ArrayNode bare = F.arrayNode();
      bare.addObject().put("source_name", "isachub");
      out.add(plain("external reference without content", with(o, "external_references", bare)));
      ArrayNode cve = F.arrayNode();
      cve.addObject().put("source_name", "cve").put("external_id", "CVE-16-1");
      out.add(plain("external reference bad CVE", with(o, "external_references", cve)));
    }
    timeOrder(out, o, "valid_from", "valid_until", ValidationRule.VALID_UNTIL_AFTER_VALID_FROM);
    timeOrder(out, o, "first_seen", "last_seen", ValidationRule.TIME_WINDOW_ORDER);
    timeOrder(out, o, "first_observed", "last_observed", ValidationRule.TIME_WINDOW_ORDER);
    return out;
  }

  /** Moves the end of a window before its start, when the object has both. */
  private static void timeOrder(
      List<Variant> out, ObjectNode o, String start, String end, ValidationRule rule) {
    Optional<Instant> s = StixTimestamps.tryParse(o.path(start).asText());
    if (s.isPresent() && o.has(end)) {
      String before = StixTimestamps.format(s.get().minusSeconds(1));
      out.add(beyond(end + " before " + start, with(o, end, F.textNode(before)), rule));
    }
  }

  private static List<String> names(ObjectNode o) {
    List<String> names = new ArrayList<>();
    o.fieldNames().forEachRemaining(names::add);
    return names;
  }

  private static JsonNode wrongType(JsonNode v) {
    if (v.isTextual()) {
      return F.numberNode(42);
    }
    if (v.isNumber()) {
      return F.textNode("42");
    }
    if (v.isBoolean()) {
      return F.textNode("true");
    }
    if (v.isArray()) {
      return F.textNode("not a list");
    }
    return F.textNode("not an object");
  }

  private static ObjectNode with(ObjectNode o, String name, JsonNode value) {
    ObjectNode copy = o.deepCopy();
    copy.set(name, value);
    return copy;
  }

  private static Variant plain(String name, ObjectNode json) {
    return new Variant(name, json, Optional.empty(), Optional.empty());
  }

  private static Variant beyond(String name, ObjectNode json, ValidationRule rule) {
    return new Variant(name, json, Optional.of(rule), Optional.empty());
  }

  private static Variant deviation(String name, ObjectNode json, Deviation d) {
    return new Variant(name, json, Optional.empty(), Optional.of(d));
  }

  private static Variant custom(String name, ObjectNode json, Optional<Deviation> d) {
    return new Variant(name, json, Optional.empty(), d);
  }
}
