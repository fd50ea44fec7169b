package org.isachub.stix.validate;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.isachub.stix.model.Bundle;
import org.isachub.stix.model.StixObject;
import org.isachub.stix.model.StixTimestamps;
import org.isachub.stix.model.Tlp;
import org.isachub.stix.validate.TypeRules.Category;
import org.isachub.stix.validate.TypeRules.TypeSpec;
import org.jspecify.annotations.Nullable;

/**
 * Validates STIX 2.1 objects against the specification: common and per-type required properties,
 * value types and formats, custom property and type names, and the rules JSON Schema cannot express
 * ({@code modified >= created}, {@code valid_until > valid_from}, time-window order, reference
 * target types, pattern validity). Every {@link Violation} names the object id, the property and
 * the rule.
 *
 * <p>Thread-safe if the {@link PatternCheck} is.
 */
public final class StixValidator {

  private static final String NO_ID = "(no id)";
  private static final Pattern IDENTIFIER =
      Pattern.compile(
          "([a-z][a-z0-9-]+[a-z0-9])--[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[1-5][0-9a-fA-F]{3}"
              + "-[89abAB][0-9a-fA-F]{3}-[0-9a-fA-F]{12}");
  private static final Pattern TYPE_NAME = Pattern.compile("[a-z][a-z0-9]*(-[a-z0-9]+)*");
  private static final Pattern PROPERTY_NAME = Pattern.compile("[a-z][a-z0-9_]{2,249}");
  private static final Pattern HEX = Pattern.compile("([a-fA-F0-9]{2})+");
  private static final Pattern BASE64 =
      Pattern.compile("([A-Za-z0-9+/]{4})*([A-Za-z0-9+/]{4}|[A-Za-z0-9+/]{3}=|[A-Za-z0-9+/]{2}==)");
  private static final Pattern DICT_KEY = Pattern.compile("[a-zA-Z0-9_-]{0,250}");
  private static final Pattern HASH_KEY = Pattern.compile("[a-zA-Z0-9_-]{3,250}");
  private static final Pattern SELECTOR =
      Pattern.compile("[a-z0-9_-]{3,249}(\\.(\\[\\d+]|[a-z0-9_-]{1,250}))*|id");
  private static final Pattern EXT_KEY = Pattern.compile("[a-z][a-z0-9]*(-[a-z0-9]+)*-ext");
  private static final Pattern EXT_DEF_KEY =
      Pattern.compile(
          "extension-definition--[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[1-5][0-9a-fA-F]{3}"
              + "-[89abAB][0-9a-fA-F]{3}-[0-9a-fA-F]{12}");
  private static final Pattern CVE = Pattern.compile("CVE-\\d{4}-(0\\d{3}|[1-9]\\d{3,})");
  private static final Pattern CAPEC = Pattern.compile("CAPEC-\\d+");
  private static final Pattern ABBREVIATED_HIVE =
      Pattern.compile("(?i)(HKLM|HKCC|HKCR|HKCU|HKU)(\\\\.*)?");
  private static final Map<String, Pattern> HASH_VALUES =
      Map.of(
          "MD5", Pattern.compile("[a-fA-F0-9]{32}"),
          "SHA-1", Pattern.compile("[a-fA-F0-9]{40}"),
          "SHA-256", Pattern.compile("[a-fA-F0-9]{64}"),
          "SHA-512", Pattern.compile("[a-fA-F0-9]{128}"),
          "SHA3-256", Pattern.compile("[a-fA-F0-9]{64}"),
          "SHA3-512", Pattern.compile("[a-fA-F0-9]{128}"),
          "SSDEEP", Pattern.compile("[a-zA-Z0-9/+:.]{1,128}"),
          "TLSH", Pattern.compile("[a-zA-Z0-9]{70}"));
  private static final Set<String> RESERVED =
      Set.of("severity", "action", "username", "phone_numbers");
  private static final Set<String> EXTENSION_TYPES =
      Set.of("new-sdo", "new-sco", "new-sro", "property-extension", "toplevel-property-extension");
  private static final String TLP1_CREATED = "2017-01-20T00:00:00.000Z";

  private final PatternCheck patterns;

  /**
   * The validator the hub uses, checking patterns with the project's own parser.
   *
   * @return a validator
   */
  public static StixValidator standard() {
    return new StixValidator(PatternCheck.stix());
  }

  /**
   * Creates a validator.
   *
   * @param patterns decides whether the pattern of an indicator with {@code pattern_type: stix} is
   *     valid
   */
  public StixValidator(PatternCheck patterns) {
    this.patterns = patterns;
  }

  /**
   * Validates one STIX object (not a bundle).
   *
   * @param object the object's JSON
   * @return the violations, empty when the object is valid
   */
  public List<Violation> validate(JsonNode object) {
    Run run = new Run(object.isObject() ? textOr(object.get("id"), NO_ID) : NO_ID);
    if (!object.isObject()) {
      run.add("", ValidationRule.JSON_TYPE, "a STIX object must be a JSON object");
    } else {
      validateObject(run, object);
    }
    return Collections.unmodifiableList(run.out);
  }

  /** Validates one model object. */
  public List<Violation> validate(StixObject object) {
    return validate(object.toJson());
  }

  /**
   * Validates a bundle: its own shape and then every object in it.
   *
   * @param bundle the bundle's JSON
   * @return the violations of the bundle and of all its objects
   */
  public List<Violation> validateBundle(JsonNode bundle) {
    Run run = new Run(bundle.isObject() ? textOr(bundle.get("id"), NO_ID) : NO_ID);
    if (!bundle.isObject()) {
      run.add("", ValidationRule.JSON_TYPE, "a bundle must be a JSON object");
      return Collections.unmodifiableList(run.out);
    }
    JsonNode type = bundle.get("type");
    if (type == null) {
      run.add("type", ValidationRule.REQUIRED, "a bundle needs 'type'");
    } else if (!"bundle".equals(type.asText())) {
      run.add("type", ValidationRule.ENUM, "a bundle's type must be 'bundle'");
    }
    JsonNode id = bundle.get("id");
    if (id == null) {
      run.add("id", ValidationRule.REQUIRED, "a bundle needs 'id'");
    } else {
      checkId(run, "bundle", id);
    }
    JsonNode objects = bundle.get("objects");
    if (objects != null) {
      if (!objects.isArray()) {
        run.add("objects", ValidationRule.JSON_TYPE, "'objects' must be a list");
      } else {
        if (objects.isEmpty()) {
          run.add("objects", ValidationRule.NON_EMPTY, "'objects' must not be empty");
        }
        for (JsonNode o : objects) {
          run.out.addAll(validate(o));
        }
      }
    }
    return Collections.unmodifiableList(run.out);
  }

  /** Validates a model bundle and all its objects. */
  public List<Violation> validateBundle(Bundle bundle) {
    return validateBundle(bundle.toJson());
  }

  private void validateObject(Run run, JsonNode o) {
    JsonNode typeNode = o.get("type");
    if (typeNode == null) {
      run.add("type", ValidationRule.REQUIRED, "every STIX object needs 'type'");
      return;
    }
    if (!typeNode.isTextual()) {
      run.add("type", ValidationRule.JSON_TYPE, "'type' must be a string");
      return;
    }
    String type = typeNode.asText();
    if (!TYPE_NAME.matcher(type).matches()
        || type.length() < 3
        || type.length() > 250
        || type.equals("action")) {
      run.add(
          "type",
          ValidationRule.TYPE_NAME,
          "type name '"
              + type
              + "' must be 3-250 characters of a-z, 0-9 and single hyphens, starting with a"
              + " letter");
    }
    TypeSpec spec = TypeRules.forType(type);
    Category cat = spec.category();

    // Required properties: the common ones by category, then the type's own.
    List<String> required = new ArrayList<>();
    switch (cat) {
      case SCO -> required.addAll(List.of("type", "id"));
      case MARKING -> {}
      default -> required.addAll(List.of("type", "spec_version", "id", "created", "modified"));
    }
    required.addAll(spec.required());
    for (String r : required) {
      if (!o.has(r)) {
        run.add(r, ValidationRule.REQUIRED, "'" + r + "' is required for " + type);
      }
    }

    // Every property: nullness, emptiness, names, then its kind.
    Iterator<Map.Entry<String, JsonNode>> fields = o.properties().iterator();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> e = fields.next();
      String name = e.getKey();
      JsonNode v = e.getValue();
      if (v.isNull()) {
        run.add(name, ValidationRule.NOT_NULL, "'" + name + "' must not be null; omit it instead");
        continue;
      }
      if (v.isArray() && v.isEmpty()) {
        run.add(name, ValidationRule.NON_EMPTY, "'" + name + "' must not be an empty list");
        continue;
      }
      if (cat != Category.MARKING && RESERVED.contains(name)) {
        run.add(name, ValidationRule.RESERVED_NAME, "'" + name + "' is a reserved property name");
      }
      PropKind kind = spec.props().get(name);
      if (kind != null) {
        checkKind(run, name, kind, v);
      } else if (!PROPERTY_NAME.matcher(name).matches()) {
        run.add(
            name,
            ValidationRule.PROPERTY_NAME,
            "custom property name '"
                + name
                + "' must be 3-250 characters of a-z, 0-9 and underscore, starting with a"
                + " letter");
      }
      checkSuffix(run, name, v);
    }

    JsonNode id = o.get("id");
    if (id != null && !id.isNull()) {
      checkId(run, type, id);
    }
    checkSpecVersion(run, o, cat);
    checkCrossField(run, o, type, cat);
  }

  private void checkId(Run run, String type, JsonNode id) {
    if (!id.isTextual()) {
      run.add("id", ValidationRule.JSON_TYPE, "'id' must be a string");
      return;
    }
    String text = id.asText();
    if (!IDENTIFIER.matcher(text).matches()) {
      run.add("id", ValidationRule.IDENTIFIER, "'" + text + "' is not <type>--<RFC 4122 UUID>");
    } else if (!text.startsWith(type + "--")) {
      run.add(
          "id",
          ValidationRule.ID_MATCHES_TYPE,
          "id '" + text + "' must start with the object type '" + type + "--'");
    }
  }

  private static void checkSpecVersion(Run run, JsonNode o, Category cat) {
    JsonNode sv = o.get("spec_version");
    if (sv == null || !sv.isTextual()) {
      return; // missing or mistyped is reported elsewhere
    }
    if (!"2.1".equals(sv.asText())) {
      run.add(
          "spec_version",
          ValidationRule.SPEC_VERSION,
          "spec_version must be \"2.1\", got \"" + sv.asText() + "\"");
    }
  }

  private void checkCrossField(Run run, JsonNode o, String type, Category cat) {
    if (cat != Category.SCO) {
      order(run, o, "created", "modified", false, ValidationRule.MODIFIED_NOT_BEFORE_CREATED);
    }
    switch (type) {
      case "indicator" -> {
        order(
            run, o, "valid_from", "valid_until", true, ValidationRule.VALID_UNTIL_AFTER_VALID_FROM);
        JsonNode pattern = o.get("pattern");
        JsonNode patternType = o.get("pattern_type");
        if (pattern != null
            && pattern.isTextual()
            && patternType != null
            && "stix".equals(patternType.asText())) {
          Optional<String> problem = patterns.problem(pattern.asText());
          problem.ifPresent(p -> run.add("pattern", ValidationRule.PATTERN, p));
        }
      }
      case "campaign", "intrusion-set", "threat-actor", "infrastructure", "malware", "sighting" ->
          order(run, o, "first_seen", "last_seen", false, ValidationRule.TIME_WINDOW_ORDER);
      case "observed-data" -> {
        order(run, o, "first_observed", "last_observed", false, ValidationRule.TIME_WINDOW_ORDER);
        if (o.has("objects") == o.has("object_refs")) {
          run.add(
              "object_refs",
              ValidationRule.CO_OCCURRENCE,
              "observed-data needs exactly one of 'object_refs' and the deprecated 'objects'");
        }
      }
      case "relationship" ->
          order(run, o, "start_time", "stop_time", true, ValidationRule.TIME_WINDOW_ORDER);
      default -> {}
    }
    switch (type) {
      case "malware" -> {
        if (o.path("is_family").asBoolean(false) && !o.has("name")) {
          run.add(
              "name", ValidationRule.REQUIRED, "a malware family (is_family true) needs 'name'");
        }
      }
      case "malware-analysis" -> atLeastOne(run, o, "result", "analysis_sco_refs");
      case "file" -> atLeastOne(run, o, "hashes", "name");
      case "windows-registry-key" -> {
        atLeastOne(
            run, o, "key", "values", "modified_time", "creator_user_ref", "number_of_subkeys");
        JsonNode key = o.get("key");
        if (key != null && key.isTextual() && ABBREVIATED_HIVE.matcher(key.asText()).matches()) {
          run.add(
              "key",
              ValidationRule.FORMAT,
              "registry key must name the hive in full (HKEY_LOCAL_MACHINE), not abbreviated");
        }
      }
      case "user-account" ->
          atLeastOne(
              run,
              o,
              "extensions",
              "user_id",
              "credential",
              "account_login",
              "account_type",
              "display_name",
              "is_service_account",
              "is_privileged",
              "can_escalate_privs",
              "is_disabled",
              "account_created",
              "account_expires",
              "credential_last_changed",
              "account_first_login",
              "account_last_login");
      case "email-message" -> {
        JsonNode multipart = o.get("is_multipart");
        if (multipart != null && multipart.isBoolean()) {
          if (multipart.booleanValue() && o.has("body")) {
            run.add("body", ValidationRule.CO_OCCURRENCE, "'body' is only for is_multipart false");
          }
          if (!multipart.booleanValue() && o.has("body_multipart")) {
            run.add(
                "body_multipart",
                ValidationRule.CO_OCCURRENCE,
                "'body_multipart' is only for is_multipart true");
          }
        }
      }
      case "location" -> {
        boolean lat = o.has("latitude");
        boolean lon = o.has("longitude");
        if (!o.has("region") && !o.has("country") && !(lat && lon)) {
          run.add(
              "",
              ValidationRule.AT_LEAST_ONE_OF,
              "a location needs region, country, or latitude and longitude");
        }
        if (lat != lon) {
          run.add(
              lat ? "longitude" : "latitude",
              ValidationRule.CO_OCCURRENCE,
              "latitude and longitude go together");
        }
        if (o.has("precision") && !(lat && lon)) {
          run.add(
              "precision", ValidationRule.CO_OCCURRENCE, "precision needs latitude and longitude");
        }
      }
      case "marking-definition" -> checkMarking(run, o);
      case "extension-definition" -> {
        boolean toplevel = false;
        for (JsonNode t : o.path("extension_types")) {
          toplevel |= "toplevel-property-extension".equals(t.asText());
        }
        if (!toplevel && o.has("extension_properties")) {
          run.add(
              "extension_properties",
              ValidationRule.CO_OCCURRENCE,
              "'extension_properties' is only for toplevel-property-extension");
        }
      }
      default -> {}
    }
  }

  private static void checkMarking(Run run, JsonNode o) {
    if (!o.has("extensions")) {
      for (String r : List.of("definition_type", "definition")) {
        if (!o.has(r)) {
          run.add(
              r,
              ValidationRule.REQUIRED,
              "'" + r + "' is required for a marking without extensions");
        }
      }
    }
    String definitionType = textOr(o.get("definition_type"), "");
    JsonNode definition = o.get("definition");
    if (definitionType.equals("statement")) {
      JsonNode statement = definition == null ? null : definition.get("statement");
      if (definition != null && (statement == null || !statement.isTextual())) {
        run.add(
            "definition.statement",
            ValidationRule.MARKING_DEFINITION,
            "a statement marking's definition needs a string 'statement'");
      }
    } else if (definitionType.equals("tlp")) {
      // TLP 1.0 markings are fixed objects (STIX 2.1 section 7.2.1.4): only the four exact ones.
      String id = textOr(o.get("id"), "");
      Optional<Tlp> tlp = Tlp.fromMarkingRef(id).filter(t -> t.tlp1MarkingId().isPresent());
      String label = tlp.map(t -> t == Tlp.CLEAR ? "white" : t.label()).orElse("");
      boolean exact =
          tlp.isPresent()
              && tlp.get().tlp1MarkingId().orElse("").equals(id)
              && ("TLP:" + label.toUpperCase(java.util.Locale.ROOT))
                  .equals(textOr(o.get("name"), ""))
              && TLP1_CREATED.equals(textOr(o.get("created"), ""))
              && definition != null
              && definition.isObject()
              && label.equals(textOr(definition.get("tlp"), ""))
              && "2.1".equals(textOr(o.get("spec_version"), ""));
      Iterator<String> names = o.fieldNames();
      while (names.hasNext()) {
        String n = names.next();
        if (!Set.of(
                "type", "spec_version", "id", "created", "name", "definition", "definition_type")
            .contains(n)) {
          exact = false;
        }
      }
      if (!exact) {
        run.add(
            "definition",
            ValidationRule.MARKING_DEFINITION,
            "a 'tlp' marking-definition must be exactly one of the four standard TLP 1.0 objects");
      }
    }
  }

  private static void atLeastOne(Run run, JsonNode o, String... names) {
    for (String n : names) {
      if (o.has(n)) {
        return;
      }
    }
    run.add(
        "",
        ValidationRule.AT_LEAST_ONE_OF,
        "at least one of " + String.join(", ", names) + " is required");
  }

  /** Checks end >= start (or end > start when strict) for two valid timestamps. */
  private static void order(
      Run run, JsonNode o, String start, String end, boolean strict, ValidationRule rule) {
    Optional<Instant> s = instant(o.get(start));
    Optional<Instant> e = instant(o.get(end));
    if (s.isEmpty() || e.isEmpty()) {
      return;
    }
    int cmp = e.get().compareTo(s.get());
    if (cmp < 0 || (strict && cmp == 0)) {
      run.add(
          end,
          rule,
          "'"
              + end
              + "' ("
              + o.get(end).asText()
              + ") must be "
              + (strict ? "later than" : "at or after")
              + " '"
              + start
              + "' ("
              + o.get(start).asText()
              + ")");
    }
  }

  private static Optional<Instant> instant(@Nullable JsonNode v) {
    return v != null && v.isTextual() ? StixTimestamps.tryParse(v.asText()) : Optional.empty();
  }

  private static void checkSuffix(Run run, String name, JsonNode v) {
    if (name.endsWith("_hex") && !(v.isTextual() && HEX.matcher(v.asText()).matches())) {
      run.add(name, ValidationRule.FORMAT, "'" + name + "' must be a hex string (even length)");
    } else if (name.endsWith("_bin") && !(v.isTextual() && BASE64.matcher(v.asText()).matches())) {
      run.add(name, ValidationRule.FORMAT, "'" + name + "' must be base64");
    }
  }

  private void checkKind(Run run, String path, PropKind kind, JsonNode v) {
    if (kind instanceof PropKind.Str s) {
      string(run, path, v);
    } else if (kind instanceof PropKind.Formatted f) {
      if (string(run, path, v) && !f.regex().matcher(v.asText()).matches()) {
        run.add(path, ValidationRule.FORMAT, "'" + v.asText() + "' is not " + f.what());
      }
    } else if (kind instanceof PropKind.Bool b) {
      if (!v.isBoolean()) {
        run.add(path, ValidationRule.JSON_TYPE, "'" + path + "' must be a boolean");
      }
    } else if (kind instanceof PropKind.Int i) {
      if (!isInteger(v)) {
        run.add(path, ValidationRule.JSON_TYPE, "'" + path + "' must be an integer");
      } else {
        range(run, path, v.decimalValue(), i.min(), i.max());
      }
    } else if (kind instanceof PropKind.Num n) {
      if (!v.isNumber()) {
        run.add(path, ValidationRule.JSON_TYPE, "'" + path + "' must be a number");
      } else {
        range(
            run,
            path,
            v.decimalValue(),
            n.min() == null ? null : n.min().longValue(),
            n.max() == null ? null : n.max().longValue());
      }
    } else if (kind instanceof PropKind.Timestamp t) {
      timestamp(run, path, v, t.millis());
    } else if (kind instanceof PropKind.Choice e) {
      if (string(run, path, v) && !e.values().contains(v.asText())) {
        run.add(path, ValidationRule.ENUM, "'" + v.asText() + "' is not one of " + e.values());
      }
    } else if (kind instanceof PropKind.StrList l) {
      if (list(run, path, v)) {
        int i = 0;
        for (JsonNode item : v) {
          string(run, path + "[" + i++ + "]", item);
        }
      }
    } else if (kind instanceof PropKind.EnumList l) {
      if (list(run, path, v)) {
        int i = 0;
        for (JsonNode item : v) {
          checkKind(run, path + "[" + i++ + "]", new PropKind.Choice(l.values()), item);
        }
      }
    } else if (kind instanceof PropKind.Ref r) {
      ref(run, path, v, r.allowed(), r.forbidden());
    } else if (kind instanceof PropKind.RefList r) {
      if (list(run, path, v)) {
        int i = 0;
        for (JsonNode item : v) {
          ref(run, path + "[" + i++ + "]", item, r.allowed(), r.forbidden());
        }
      }
    } else if (kind instanceof PropKind.ScoRef r) {
      scoRef(run, path, v, r.allowed());
    } else if (kind instanceof PropKind.ScoRefList r) {
      if (list(run, path, v)) {
        int i = 0;
        for (JsonNode item : v) {
          scoRef(run, path + "[" + i++ + "]", item, r.allowed());
        }
      }
    } else if (kind instanceof PropKind.KillChainPhases k) {
      if (list(run, path, v)) {
        int i = 0;
        for (JsonNode item : v) {
          String p = path + "[" + i++ + "]";
          if (object(run, p, item)) {
            requiredString(run, p, item, "kill_chain_name");
            requiredString(run, p, item, "phase_name");
          }
        }
      }
    } else if (kind instanceof PropKind.ExternalReferences x) {
      if (list(run, path, v)) {
        int i = 0;
        for (JsonNode item : v) {
          externalReference(run, path + "[" + i++ + "]", item);
        }
      }
    } else if (kind instanceof PropKind.GranularMarkings g) {
      if (list(run, path, v)) {
        int i = 0;
        for (JsonNode item : v) {
          granularMarking(run, path + "[" + i++ + "]", item);
        }
      }
    } else if (kind instanceof PropKind.Extensions x) {
      extensions(run, path, v, x.definitionsOnly());
    } else if (kind instanceof PropKind.Hashes h) {
      hashes(run, path, v);
    } else if (kind instanceof PropKind.Dictionary d) {
      dictionary(run, path, v);
    } else if (kind instanceof PropKind.AnyObject a) {
      object(run, path, v);
    } else if (kind instanceof PropKind.AnyList a) {
      if (!v.isArray()) {
        run.add(path, ValidationRule.JSON_TYPE, "'" + path + "' must be a list");
      }
    }
  }

  private static boolean isInteger(JsonNode v) {
    if (v.isIntegralNumber()) {
      return true;
    }
    // JSON has one number type: 5.0 is the integer 5.
    if (v.isNumber()) {
      BigDecimal d = v.decimalValue();
      return d.signum() == 0 || d.stripTrailingZeros().scale() <= 0;
    }
    return false;
  }

  private static void range(
      Run run, String path, BigDecimal value, @Nullable Long min, @Nullable Long max) {
    if ((min != null && value.compareTo(BigDecimal.valueOf(min)) < 0)
        || (max != null && value.compareTo(BigDecimal.valueOf(max)) > 0)) {
      run.add(
          path,
          ValidationRule.RANGE,
          "'"
              + path
              + "' is "
              + value.toPlainString()
              + ", outside "
              + (min == null ? "(-inf" : "[" + min)
              + ".."
              + (max == null ? "+inf)" : max + "]"));
    }
  }

  private static boolean string(Run run, String path, JsonNode v) {
    if (!v.isTextual()) {
      run.add(path, ValidationRule.JSON_TYPE, "'" + path + "' must be a string");
      return false;
    }
    return true;
  }

  private static boolean object(Run run, String path, JsonNode v) {
    if (!v.isObject()) {
      run.add(path, ValidationRule.JSON_TYPE, "'" + path + "' must be an object");
      return false;
    }
    return true;
  }

  private static boolean list(Run run, String path, JsonNode v) {
    if (!v.isArray()) {
      run.add(path, ValidationRule.JSON_TYPE, "'" + path + "' must be a list");
      return false;
    }
    if (v.isEmpty()) {
      run.add(path, ValidationRule.NON_EMPTY, "'" + path + "' must not be an empty list");
      return false;
    }
    return true;
  }

  private static void requiredString(Run run, String path, JsonNode obj, String name) {
    JsonNode v = obj.get(name);
    if (v == null) {
      run.add(path + "." + name, ValidationRule.REQUIRED, "'" + name + "' is required");
    } else {
      string(run, path + "." + name, v);
    }
  }

  private static void timestamp(Run run, String path, JsonNode v, boolean millis) {
    if (!string(run, path, v)) {
      return;
    }
    String t = v.asText();
    if (!StixTimestamps.hasValidShape(t)) {
      run.add(
          path,
          ValidationRule.TIMESTAMP,
          "'" + t + "' is not an RFC 3339 UTC timestamp like 2016-05-12T08:17:27.000Z");
      return;
    }
    if (millis && !StixTimestamps.hasMillisecondPrecision(t)) {
      run.add(
          path,
          ValidationRule.TIMESTAMP_PRECISION,
          "'" + path + "' must have at least millisecond precision, got '" + t + "'");
    }
    if (StixTimestamps.tryParse(t).isEmpty()) {
      run.add(path, ValidationRule.CALENDAR_DATE, "'" + t + "' names a day that does not exist");
    }
  }

  private static void ref(
      Run run, String path, JsonNode v, Set<String> allowed, Set<String> forbidden) {
    if (!string(run, path, v)) {
      return;
    }
    String id = v.asText();
    var m = IDENTIFIER.matcher(id);
    if (!m.matches()) {
      run.add(path, ValidationRule.IDENTIFIER, "'" + id + "' is not <type>--<RFC 4122 UUID>");
      return;
    }
    String target = m.group(1);
    if ((!allowed.isEmpty() && !allowed.contains(target)) || forbidden.contains(target)) {
      run.add(
          path,
          ValidationRule.REF_TYPE,
          "'"
              + path
              + "' may not point to a "
              + target
              + (allowed.isEmpty() ? "" : "; allowed: " + String.join(", ", sorted(allowed))));
    }
  }

  private static void scoRef(Run run, String path, JsonNode v, Set<String> allowed) {
    if (!string(run, path, v)) {
      return;
    }
    String id = v.asText();
    var m = IDENTIFIER.matcher(id);
    if (!m.matches()) {
      run.add(path, ValidationRule.REF_TYPE, "'" + id + "' is not an identifier");
    } else if (!allowed.contains(m.group(1))) {
      run.add(
          path,
          ValidationRule.REF_TYPE,
          "'"
              + path
              + "' may not point to a "
              + m.group(1)
              + "; allowed: "
              + String.join(", ", sorted(allowed)));
    }
  }

  private static List<String> sorted(Set<String> s) {
    List<String> l = new ArrayList<>(s);
    Collections.sort(l);
    return l;
  }

  private static void externalReference(Run run, String path, JsonNode r) {
    if (!object(run, path, r)) {
      return;
    }
    JsonNode source = r.get("source_name");
    if (source == null) {
      run.add(path + ".source_name", ValidationRule.REQUIRED, "'source_name' is required");
    } else {
      string(run, path + ".source_name", source);
    }
    for (String s : List.of("description", "url", "external_id")) {
      JsonNode v = r.get(s);
      if (v != null) {
        string(run, path + "." + s, v);
      }
    }
    JsonNode hashes = r.get("hashes");
    if (hashes != null) {
      hashes(run, path + ".hashes", hashes);
    }
    if (!r.has("description") && !r.has("url") && !r.has("external_id")) {
      run.add(
          path,
          ValidationRule.EXTERNAL_REFERENCE,
          "an external reference needs at least one of description, url, external_id");
    }
    String src = textOr(source, "");
    JsonNode extId = r.get("external_id");
    Pattern expected = src.equals("cve") ? CVE : src.equals("capec") ? CAPEC : null;
    if (expected != null) {
      if (extId == null) {
        run.add(
            path + ".external_id",
            ValidationRule.EXTERNAL_REFERENCE,
            "a '" + src + "' reference needs an external_id");
      } else if (extId.isTextual() && !expected.matcher(extId.asText()).matches()) {
        run.add(
            path + ".external_id",
            ValidationRule.EXTERNAL_REFERENCE,
            "'" + extId.asText() + "' is not a " + src.toUpperCase(java.util.Locale.ROOT) + " id");
      }
    }
  }

  private static void granularMarking(Run run, String path, JsonNode g) {
    if (!object(run, path, g)) {
      return;
    }
    JsonNode selectors = g.get("selectors");
    if (selectors == null) {
      run.add(path + ".selectors", ValidationRule.REQUIRED, "'selectors' is required");
    } else if (list(run, path + ".selectors", selectors)) {
      int i = 0;
      for (JsonNode s : selectors) {
        String p = path + ".selectors[" + i++ + "]";
        if (string(run, p, s) && !SELECTOR.matcher(s.asText()).matches()) {
          run.add(p, ValidationRule.FORMAT, "'" + s.asText() + "' is not a selector");
        }
      }
    }
    boolean hasRef = g.has("marking_ref");
    boolean hasLang = g.has("lang");
    if (hasRef == hasLang) {
      run.add(
          path,
          ValidationRule.CO_OCCURRENCE,
          "a granular marking needs exactly one of 'marking_ref' and 'lang'");
    }
    if (hasRef) {
      ref(run, path + ".marking_ref", g.get("marking_ref"), Set.of("marking-definition"), Set.of());
    }
    if (hasLang) {
      string(run, path + ".lang", g.get("lang"));
    }
  }

  private static void hashes(Run run, String path, JsonNode h) {
    if (!object(run, path, h)) {
      return;
    }
    if (h.isEmpty()) {
      run.add(path, ValidationRule.NON_EMPTY, "'" + path + "' must not be empty");
      return;
    }
    Iterator<Map.Entry<String, JsonNode>> it = h.properties().iterator();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      String p = path + "." + e.getKey();
      if (!string(run, p, e.getValue())) {
        continue;
      }
      Pattern known = HASH_VALUES.get(e.getKey());
      if (known != null) {
        if (!known.matcher(e.getValue().asText()).matches()) {
          run.add(p, ValidationRule.FORMAT, "not a valid " + e.getKey() + " value");
        }
      } else if (!HASH_KEY.matcher(e.getKey()).matches()) {
        run.add(p, ValidationRule.FORMAT, "hash algorithm name must be 3-250 of [a-zA-Z0-9_-]");
      }
    }
  }

  private static void dictionary(Run run, String path, JsonNode d) {
    if (!object(run, path, d)) {
      return;
    }
    if (d.isEmpty()) {
      run.add(path, ValidationRule.NON_EMPTY, "'" + path + "' must not be empty");
      return;
    }
    Iterator<Map.Entry<String, JsonNode>> it = d.properties().iterator();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      String p = path + "." + e.getKey();
      if (!DICT_KEY.matcher(e.getKey()).matches()) {
        run.add(
            p, ValidationRule.PROPERTY_NAME, "dictionary key must be up to 250 of [a-zA-Z0-9_-]");
      }
      nestedValue(run, p, e.getValue());
    }
  }

  private static void nestedValue(Run run, String path, JsonNode v) {
    if (v.isNull()) {
      run.add(path, ValidationRule.NOT_NULL, "'" + path + "' must not be null");
    } else if (v.isArray() && v.isEmpty()) {
      run.add(path, ValidationRule.NON_EMPTY, "'" + path + "' must not be an empty list");
    }
  }

  private static void extensions(Run run, String path, JsonNode x, boolean definitionsOnly) {
    if (!object(run, path, x)) {
      return;
    }
    if (x.isEmpty()) {
      run.add(path, ValidationRule.NON_EMPTY, "'" + path + "' must not be empty");
      return;
    }
    Iterator<Map.Entry<String, JsonNode>> it = x.properties().iterator();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      String key = e.getKey();
      String p = path + "." + key;
      JsonNode body = e.getValue();
      boolean definition = EXT_DEF_KEY.matcher(key).matches();
      if (!definition && (definitionsOnly || !EXT_KEY.matcher(key).matches())) {
        run.add(
            p,
            ValidationRule.EXTENSION,
            "extension key must be an extension-definition id"
                + (definitionsOnly ? "" : " or a predefined name ending in '-ext'"));
        continue;
      }
      if (!object(run, p, body)) {
        continue;
      }
      if (body.isEmpty()) {
        run.add(p, ValidationRule.NON_EMPTY, "an extension must not be empty");
        continue;
      }
      if (definition) {
        JsonNode et = body.get("extension_type");
        if (et == null) {
          run.add(p + ".extension_type", ValidationRule.REQUIRED, "'extension_type' is required");
        } else if (!et.isTextual() || !EXTENSION_TYPES.contains(et.asText())) {
          run.add(
              p + ".extension_type",
              ValidationRule.ENUM,
              "extension_type must be one of " + sorted(EXTENSION_TYPES));
        }
      }
      Iterator<Map.Entry<String, JsonNode>> props = body.properties().iterator();
      while (props.hasNext()) {
        Map.Entry<String, JsonNode> pe = props.next();
        String pp = p + "." + pe.getKey();
        if (!PROPERTY_NAME.matcher(pe.getKey()).matches() && !pe.getKey().equals("id")) {
          run.add(pp, ValidationRule.PROPERTY_NAME, "extension property name breaks the rules");
        }
        nestedValue(run, pp, pe.getValue());
        checkSuffix(run, pp, pe.getValue());
      }
    }
  }

  private static String textOr(@Nullable JsonNode v, String fallback) {
    return v != null && v.isTextual() ? v.asText() : fallback;
  }

  /** Collects the violations of one object. */
  private static final class Run {
    final String objectId;
    final List<Violation> out = new ArrayList<>();

    Run(String objectId) {
      this.objectId = objectId;
    }

    void add(String property, ValidationRule rule, String message) {
      out.add(new Violation(objectId, property, rule.code(), message));
    }
  }
}
