package org.isachub.ingest.read;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import org.isachub.ingest.read.internal.JsonInput;
import org.isachub.ingest.read.internal.Text;
import org.jspecify.annotations.Nullable;

/**
 * Reads a MISP feed's {@code manifest.json}: an object mapping each event UUID to {@code {info,
 * date, timestamp, threat_level_id, analysis, Tag, …}}. Keys that are not UUIDs are rejected
 * ({@code misp.manifest-bad-uuid}), since a poller turns them into file names; entries without a
 * valid epoch-seconds {@code timestamp} too ({@code misp.manifest-bad-entry}). Immutable and
 * thread-safe.
 */
public final class MispManifestReader {

  private static final Pattern UUID =
      Pattern.compile(
          "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
  private static final int MAX_TEXT = 200;

  private final ReadLimits limits;
  private final ObjectMapper mapper;

  /** Creates a reader with the default limits. */
  public MispManifestReader() {
    this(ReadLimits.DEFAULTS);
  }

  /**
   * Creates a reader.
   *
   * @param limits the bounds to enforce; {@link ReadLimits#maxRecords()} bounds the entries
   */
  public MispManifestReader(ReadLimits limits) {
    this.limits = Objects.requireNonNull(limits, "limits");
    this.mapper = JsonInput.mapper(limits);
  }

  /**
   * Reads a manifest held in memory.
   *
   * @param bytes the manifest JSON
   * @return the entries and rejections
   * @throws ReadException when a whole-input limit is exceeded
   */
  public ManifestResult read(byte[] bytes) throws ReadException {
    return read(new ByteArrayInputStream(bytes));
  }

  /**
   * Reads a manifest from a stream; the caller keeps ownership of the stream.
   *
   * @param in the manifest JSON
   * @return the entries and rejections (malformed JSON is one {@code misp.bad-json} rejection)
   * @throws ReadException when a whole-input limit is exceeded or the stream fails
   */
  public ManifestResult read(InputStream in) throws ReadException {
    JsonInput.Parsed parsed = JsonInput.parse(in, limits, mapper);
    List<ManifestEntry> entries = new ArrayList<>();
    List<Rejection> rejections = new ArrayList<>();
    JsonNode root = parsed.root();
    if (root == null) {
      rejections.add(
          new Rejection(
              "input",
              RejectionCodes.MISP_BAD_JSON,
              "not valid JSON: " + parsed.error(),
              parsed.excerpt()));
      return new ManifestResult(entries, rejections);
    }
    if (!root.isObject()) {
      rejections.add(
          new Rejection(
              "input",
              RejectionCodes.MISP_UNKNOWN_SHAPE,
              "a manifest must be an object mapping event UUIDs to entries",
              excerpt(root)));
      return new ManifestResult(entries, rejections);
    }
    int count = 0;
    for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> field = it.next();
      String key = field.getKey();
      String location = "event " + cut(key);
      if (++count > limits.maxRecords()) {
        rejections.add(
            new Rejection(
                location,
                RejectionCodes.LIMIT_OBJECTS,
                "more than "
                    + limits.maxRecords()
                    + " manifest entries; this one and the rest are dropped",
                key));
        break;
      }
      if (!UUID.matcher(key).matches()) {
        rejections.add(
            new Rejection(
                location,
                RejectionCodes.MISP_MANIFEST_BAD_UUID,
                "the key is not an event UUID (8-4-4-4-12 hexadecimal digits)",
                key));
        continue;
      }
      JsonNode e = field.getValue();
      Instant timestamp = e.isObject() ? epochSeconds(e.get("timestamp")) : null;
      if (timestamp == null) {
        rejections.add(
            new Rejection(
                location,
                RejectionCodes.MISP_MANIFEST_BAD_ENTRY,
                e.isObject()
                    ? "the entry has no valid timestamp (epoch seconds)"
                    : "the entry must be an object",
                excerpt(e)));
        continue;
      }
      entries.add(
          new ManifestEntry(
              key.toLowerCase(Locale.ROOT),
              timestamp,
              text(e.get("info")),
              date(e.get("date")),
              smallInt(e.get("threat_level_id")),
              smallInt(e.get("analysis")),
              tags(e.get("Tag"))));
    }
    entries.sort(
        Comparator.comparing(ManifestEntry::timestamp).thenComparing(ManifestEntry::eventUuid));
    return new ManifestResult(entries, rejections);
  }

  private static @Nullable Instant epochSeconds(@Nullable JsonNode n) {
    if (n == null || !(n.isTextual() || n.isIntegralNumber())) {
      return null;
    }
    try {
      return TimestampFormat.of("epoch-seconds").parse(n.asText().strip());
    } catch (DateTimeException e) {
      return null;
    }
  }

  private static @Nullable LocalDate date(@Nullable JsonNode n) {
    if (n == null || !n.isTextual()) {
      return null;
    }
    try {
      return LocalDate.parse(n.textValue());
    } catch (DateTimeException e) {
      return null; // informational only; the timestamp drives polling
    }
  }

  private static @Nullable Integer smallInt(@Nullable JsonNode n) {
    if (n == null) {
      return null;
    }
    if (n.isIntegralNumber() && n.canConvertToInt()) {
      return n.intValue();
    }
    if (n.isTextual() && n.textValue().matches("[0-9]{1,9}")) {
      return Integer.parseInt(n.textValue());
    }
    return null;
  }

  private static @Nullable String text(@Nullable JsonNode n) {
    if (n == null || !n.isTextual() || Text.firstControl(n.textValue()) >= 0) {
      return null;
    }
    return cut(n.textValue());
  }

  private static List<String> tags(@Nullable JsonNode n) {
    List<String> out = new ArrayList<>();
    if (n == null || !n.isArray()) {
      return out;
    }
    for (JsonNode t : n) {
      JsonNode name = t.isObject() ? t.get("name") : t;
      String s = name == null ? null : text(name);
      if (s != null && !s.isBlank()) {
        out.add(s);
      }
    }
    return out;
  }

  private static String cut(String s) {
    return s.length() <= MAX_TEXT ? s : s.substring(0, MAX_TEXT);
  }

  private static String excerpt(JsonNode n) {
    return cut(n.toString());
  }
}
