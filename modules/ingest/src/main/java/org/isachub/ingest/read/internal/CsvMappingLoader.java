package org.isachub.ingest.read.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.isachub.ingest.read.CsvMapping;
import org.isachub.ingest.read.ObservableType;
import org.isachub.ingest.read.ReadException;
import org.isachub.ingest.read.ReadLimits;
import org.isachub.ingest.read.RejectionCodes;
import org.isachub.ingest.read.TimestampFormat;
import org.isachub.ingest.read.TlpHint;
import org.jspecify.annotations.Nullable;

/** Builds a {@link CsvMapping} from its JSON form, refusing unknown keys and wrong types. */
public final class CsvMappingLoader {

  private static final ReadLimits MAPPING_LIMITS =
      ReadLimits.DEFAULTS.withMaxInputBytes(1 << 20).withMaxStringLength(1 << 16);

  private static final Set<String> KEYS =
      Set.of(
          "name",
          "delimiter",
          "comment_prefix",
          "header",
          "columns",
          "value_column",
          "value_type",
          "type_column",
          "first_seen_column",
          "last_seen_column",
          "timestamp_format",
          "label_columns",
          "label_separators",
          "confidence_column",
          "confidence",
          "tlp",
          "context_columns",
          "empty_values");

  private CsvMappingLoader() {}

  /**
   * Parses and checks a mapping.
   *
   * @param in the JSON; the caller keeps ownership
   * @return the mapping
   * @throws ReadException with code {@code mapping.invalid} for any fault
   */
  public static CsvMapping load(InputStream in) throws ReadException {
    JsonInput.Parsed parsed = JsonInput.parse(in, MAPPING_LIMITS);
    JsonNode root = parsed.root();
    if (root == null) {
      throw invalid("not valid JSON: " + parsed.error());
    }
    if (!root.isObject()) {
      throw invalid("a mapping must be a JSON object");
    }
    for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
      String key = it.next();
      if (!KEYS.contains(key)) {
        throw invalid("unknown key '" + key + "'; known keys are " + new java.util.TreeSet<>(KEYS));
      }
    }
    String name = requiredText(root, "name");
    try {
      String delimiter = optionalText(root, "delimiter", ",");
      if (delimiter.length() != 1) {
        throw invalid(name, "delimiter must be exactly one character");
      }
      String valueTypeToken = optionalText(root, "value_type", null);
      ObservableType valueType = null;
      if (valueTypeToken != null) {
        valueType = ObservableType.fromToken(valueTypeToken);
        if (valueType == null) {
          throw invalid(name, "value_type '" + valueTypeToken + "' is not an observable type");
        }
      }
      String tlpName = optionalText(root, "tlp", null);
      TlpHint tlp = null;
      if (tlpName != null) {
        tlp = TlpHint.fromName(tlpName);
        if (tlp == null) {
          throw invalid(name, "tlp '" + tlpName + "' is not a TLP level");
        }
      }
      Integer confidence = null;
      JsonNode c = root.get("confidence");
      if (c != null && !c.isNull()) {
        if (!c.isIntegralNumber() || !c.canConvertToInt()) {
          throw invalid(name, "confidence must be an integer 0-100");
        }
        confidence = c.intValue();
      }
      return new CsvMapping(
          name,
          delimiter.charAt(0),
          optionalText(root, "comment_prefix", "#"),
          optionalBoolean(root, "header", false),
          textList(root, "columns"),
          requiredText(root, "value_column"),
          valueType,
          optionalText(root, "type_column", null),
          optionalText(root, "first_seen_column", null),
          optionalText(root, "last_seen_column", null),
          TimestampFormat.of(optionalText(root, "timestamp_format", "iso")),
          textList(root, "label_columns"),
          optionalText(root, "label_separators", ","),
          optionalText(root, "confidence_column", null),
          confidence,
          tlp,
          textMap(root, "context_columns"),
          new LinkedHashSet<>(textList(root, "empty_values")));
    } catch (IllegalArgumentException e) {
      throw invalid(name, e.getMessage());
    }
  }

  private static ReadException invalid(String message) {
    return new ReadException(RejectionCodes.MAPPING_INVALID, message);
  }

  private static ReadException invalid(String name, @Nullable String message) {
    return new ReadException(RejectionCodes.MAPPING_INVALID, "mapping '" + name + "': " + message);
  }

  private static String requiredText(JsonNode root, String key) throws ReadException {
    JsonNode n = root.get(key);
    if (n == null || !n.isTextual() || n.textValue().isEmpty()) {
      throw invalid("'" + key + "' is required and must be a non-empty string");
    }
    return n.textValue();
  }

  private static @Nullable String optionalText(JsonNode root, String key, @Nullable String dflt)
      throws ReadException {
    JsonNode n = root.get(key);
    if (n == null || n.isNull()) {
      return dflt;
    }
    if (!n.isTextual()) {
      throw invalid("'" + key + "' must be a string");
    }
    return n.textValue();
  }

  private static boolean optionalBoolean(JsonNode root, String key, boolean dflt)
      throws ReadException {
    JsonNode n = root.get(key);
    if (n == null || n.isNull()) {
      return dflt;
    }
    if (!n.isBoolean()) {
      throw invalid("'" + key + "' must be true or false");
    }
    return n.booleanValue();
  }

  private static List<String> textList(JsonNode root, String key) throws ReadException {
    JsonNode n = root.get(key);
    List<String> out = new ArrayList<>();
    if (n == null || n.isNull()) {
      return out;
    }
    if (!n.isArray()) {
      throw invalid("'" + key + "' must be an array of strings");
    }
    for (JsonNode e : n) {
      if (!e.isTextual()) {
        throw invalid("'" + key + "' must be an array of strings");
      }
      out.add(e.textValue());
    }
    return out;
  }

  private static Map<String, String> textMap(JsonNode root, String key) throws ReadException {
    JsonNode n = root.get(key);
    Map<String, String> out = new LinkedHashMap<>();
    if (n == null || n.isNull()) {
      return out;
    }
    if (!n.isObject()) {
      throw invalid("'" + key + "' must be an object of strings");
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      if (!e.getValue().isTextual()) {
        throw invalid("'" + key + "." + e.getKey() + "' must be a string");
      }
      out.put(e.getKey(), e.getValue().textValue());
    }
    return out;
  }
}
