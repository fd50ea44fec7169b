package org.isachub.ingest.read;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import org.isachub.ingest.read.internal.JsonInput;
import org.isachub.ingest.read.internal.MispPart;
import org.isachub.ingest.read.internal.MispTypes;
import org.isachub.ingest.read.internal.Text;
import org.jspecify.annotations.Nullable;

/**
 * Reads MISP JSON: an event ({@code {"Event": {…}}}, or a bare event body), a REST search response
 * of events or objects ({@code {"response": [{"Event": …}, {"Object": …}]}}, or the same array at
 * the top), or an attribute collection ({@code {"response": {"Attribute": […]}}}). Each attribute,
 * top-level or inside an {@code Object}, of a type {@link MispTypes} maps becomes one observable
 * ({@code domain|ip} two); other types are skipped and counted, as are attributes marked {@code
 * deleted}.
 *
 * <p>{@link RawObservable#indicator()} is the attribute's {@code to_ids} (absent means false);
 * {@code link} attributes are always context. Timestamps come from {@code first_seen} / {@code
 * last_seen} (ISO 8601) when present, else from the attribute's {@code timestamp} (epoch seconds).
 * Labels are the attribute's tags then the event's, without TLP tags; tags with control characters
 * are dropped.
 *
 * <p>The TLP hint, first match wins:
 *
 * <ol>
 *   <li>a {@code tlp:*} tag on the attribute ({@code tlp:clear} or {@code tlp:white}, {@code
 *       tlp:green}, {@code tlp:amber}, {@code tlp:amber+strict}, {@code tlp:red}; several: the most
 *       restrictive);
 *   <li>a {@code tlp:*} tag on the event;
 *   <li>the {@code distribution} of the attribute, else (when it is 5 "inherit" or absent) of its
 *       object, else of the event: 0 your organisation only → RED, 1 this community only → AMBER, 2
 *       connected communities → GREEN, 3 all communities → CLEAR, 4 sharing group → AMBER_STRICT
 *       (named recipients only);
 *   <li>otherwise none.
 * </ol>
 *
 * <p>Immutable and thread-safe.
 */
public final class MispReader {

  private static final Pattern SAFE_ID = Pattern.compile("[0-9A-Za-z-]{1,64}");
  private static final Pattern UUID =
      Pattern.compile(
          "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
  private static final int MAX_CONTEXT = 200;

  private final ReadLimits limits;
  private final ObjectMapper mapper;

  /** Creates a reader with the default limits. */
  public MispReader() {
    this(ReadLimits.DEFAULTS);
  }

  /**
   * Creates a reader.
   *
   * @param limits the bounds to enforce
   */
  public MispReader(ReadLimits limits) {
    this.limits = Objects.requireNonNull(limits, "limits");
    this.mapper = JsonInput.mapper(limits);
  }

  /**
   * Reads MISP JSON held in memory.
   *
   * @param bytes the JSON
   * @return the observables, rejections and skipped count
   * @throws ReadException when a whole-input limit is exceeded
   */
  public ReadResult read(byte[] bytes) throws ReadException {
    return read(new ByteArrayInputStream(bytes));
  }

  /**
   * Reads MISP JSON from a stream; the caller keeps ownership of the stream.
   *
   * @param in the JSON
   * @return the observables, rejections (malformed JSON is one {@code misp.bad-json} rejection) and
   *     skipped count
   * @throws ReadException when a whole-input limit (size, depth, string length) is exceeded or the
   *     stream fails
   */
  public ReadResult read(InputStream in) throws ReadException {
    JsonInput.Parsed parsed = JsonInput.parse(in, limits, mapper);
    Run run = new Run();
    JsonNode root = parsed.root();
    if (root == null) {
      run.rejections.add(
          new Rejection(
              "input",
              RejectionCodes.MISP_BAD_JSON,
              "not valid JSON: " + parsed.error(),
              parsed.excerpt()));
    } else {
      run.document(root);
    }
    return new ReadResult(run.out, run.rejections, run.skipped);
  }

  /** What an event says that its attributes inherit. */
  private record EventContext(
      @Nullable String uuid,
      @Nullable TlpHint tagTlp,
      List<String> labels,
      @Nullable Integer distribution) {}

  /** What an object says that its attributes inherit. */
  private record ObjectContext(@Nullable String name, @Nullable Integer distribution) {}

  private static final EventContext NO_EVENT = new EventContext(null, null, List.of(), null);

  /** The mutable state of one read. */
  private final class Run {
    final List<RawObservable> out = new ArrayList<>();
    final List<Rejection> rejections = new ArrayList<>();
    int skipped;
    int attributes;
    boolean stopped;

    void document(JsonNode root) {
      if (root.isArray()) {
        response(root, "");
      } else if (root.isObject() && root.has("Event")) {
        event(root.get("Event"), "/Event");
      } else if (root.isObject() && root.has("response")) {
        response(root.get("response"), "/response");
      } else if (root.isObject() && (root.has("Attribute") || root.has("Object"))) {
        event(root, "");
      } else if (looksLikeManifest(root)) {
        unknownShape(root, "this is a MISP feed manifest; read it with MispManifestReader");
      } else {
        unknownShape(
            root,
            "expected {\"Event\": …}, {\"response\": …} or an array of events; found "
                + describe(root));
      }
    }

    void unknownShape(JsonNode root, String reason) {
      rejections.add(
          new Rejection("input", RejectionCodes.MISP_UNKNOWN_SHAPE, reason, excerpt(root)));
    }

    void badStructure(String path, String reason, JsonNode node) {
      rejections.add(
          new Rejection(
              "element " + (path.isEmpty() ? "/" : path),
              RejectionCodes.MISP_BAD_STRUCTURE,
              reason,
              excerpt(node)));
    }

    void response(JsonNode response, String path) {
      if (response.isObject()) {
        if (response.has("Attribute")) {
          attributes(response.get("Attribute"), NO_EVENT, null, path + "/Attribute");
        } else if (response.has("Event")) {
          event(response.get("Event"), path + "/Event");
        } else if (response.has("Object")) {
          objects(response.get("Object"), NO_EVENT, path + "/Object");
        } else {
          badStructure(path, "a response object needs Attribute, Event or Object", response);
        }
        return;
      }
      if (!response.isArray()) {
        badStructure(path, "a response must be an array or an object", response);
        return;
      }
      for (int i = 0; i < response.size() && !stopped; i++) {
        JsonNode el = response.get(i);
        String at = path + "/" + i;
        if (el.isObject() && el.has("Event")) {
          event(el.get("Event"), at + "/Event");
        } else if (el.isObject() && el.has("Object")) {
          objects(el.get("Object"), NO_EVENT, at + "/Object");
        } else if (el.isObject() && el.has("Attribute")) {
          attributes(el.get("Attribute"), NO_EVENT, null, at + "/Attribute");
        } else {
          badStructure(at, "expected an object with Event, Object or Attribute", el);
        }
      }
    }

    void event(JsonNode ev, String path) {
      if (!ev.isObject()) {
        badStructure(path, "an Event must be an object", ev);
        return;
      }
      List<String> tags = tagNames(ev.get("Tag"));
      Integer distribution = distribution(ev.get("distribution"));
      EventContext ctx =
          new EventContext(
              safeId(ev.get("uuid")),
              tlpOf(tags),
              nonTlp(tags),
              distribution == null || distribution == 5 ? null : distribution);
      attributes(ev.get("Attribute"), ctx, null, path + "/Attribute");
      objects(ev.get("Object"), ctx, path + "/Object");
    }

    void objects(@Nullable JsonNode objects, EventContext ev, String path) {
      if (objects == null || objects.isNull()) {
        return;
      }
      if (objects.isObject()) {
        object(objects, ev, path);
        return;
      }
      if (!objects.isArray()) {
        badStructure(path, "Object must be an array of objects", objects);
        return;
      }
      for (int i = 0; i < objects.size() && !stopped; i++) {
        object(objects.get(i), ev, path + "/" + i);
      }
    }

    void object(JsonNode o, EventContext ev, String path) {
      if (!o.isObject()) {
        badStructure(path, "an Object must be an object", o);
        return;
      }
      JsonNode name = o.get("name");
      ObjectContext obj =
          new ObjectContext(
              name != null && name.isTextual() ? clean(name.textValue()) : null,
              distribution(o.get("distribution")));
      attributes(o.get("Attribute"), ev, obj, path + "/Attribute");
    }

    void attributes(
        @Nullable JsonNode attrs, EventContext ev, @Nullable ObjectContext obj, String path) {
      if (attrs == null || attrs.isNull()) {
        return;
      }
      if (!attrs.isArray()) {
        badStructure(path, "Attribute must be an array of objects", attrs);
        return;
      }
      for (int i = 0; i < attrs.size() && !stopped; i++) {
        attribute(attrs.get(i), ev, obj, path + "/" + i);
      }
    }

    void attribute(JsonNode a, EventContext ev, @Nullable ObjectContext obj, String path) {
      String uuid = a.isObject() ? safeId(a.get("uuid")) : null;
      String location = uuid != null ? "attribute " + uuid : "attribute at " + path;
      if (++attributes > limits.maxRecords()) {
        rejections.add(
            new Rejection(
                location,
                RejectionCodes.LIMIT_OBJECTS,
                "more than "
                    + limits.maxRecords()
                    + " attributes; this one and the rest of the input are dropped",
                excerpt(a)));
        stopped = true;
        return;
      }
      if (!a.isObject()) {
        badStructure(path, "an Attribute must be an object", a);
        return;
      }
      if (truthy(a.get("deleted"))) {
        skipped++;
        return;
      }
      JsonNode typeNode = a.get("type");
      if (typeNode == null
          || !typeNode.isTextual()
          || !MispTypes.isTypeName(typeNode.textValue())) {
        rejections.add(
            new Rejection(
                location,
                RejectionCodes.MISP_UNKNOWN_ATTRIBUTE_TYPE,
                typeNode == null
                    ? "the attribute has no type"
                    : "'" + excerpt(typeNode) + "' is not a MISP attribute type name",
                excerpt(a)));
        return;
      }
      String type = typeNode.textValue();
      if (!MispTypes.isMapped(type)) {
        skipped++; // a type that carries no observable the hub maps
        return;
      }
      JsonNode valueNode = a.get("value");
      String value =
          valueNode != null && (valueNode.isTextual() || valueNode.isIntegralNumber())
              ? valueNode.asText().strip()
              : "";
      if (value.isEmpty()) {
        rejections.add(
            new Rejection(
                location,
                RejectionCodes.MISP_MISSING_VALUE,
                "the " + type + " attribute has no value (a non-empty string)",
                excerpt(a)));
        return;
      }
      if (value.length() > limits.maxLineLength()) {
        rejections.add(
            new Rejection(
                location,
                RejectionCodes.MISP_VALUE_TOO_LONG,
                "the value is "
                    + value.length()
                    + " characters, longer than the limit of "
                    + limits.maxLineLength(),
                value));
        return;
      }
      int control = Text.firstControl(value);
      if (control >= 0) {
        rejections.add(
            new Rejection(
                location,
                RejectionCodes.MISP_CONTROL_CHARACTER,
                "the value contains the control character " + Text.describeControl(value, control),
                excerpt(a)));
        return;
      }
      List<MispPart> parts = MispTypes.split(type, value);
      if (parts == null) {
        rejections.add(
            new Rejection(
                location,
                RejectionCodes.MISP_BAD_COMPOSITE,
                "a " + type + " value must have two non-empty parts separated by '|'",
                value));
        return;
      }
      if (parts.isEmpty()) {
        skipped++; // e.g. a relative uri: no observable on its own
        return;
      }
      Instant stamp;
      Instant firstSeen;
      Instant lastSeen;
      try {
        stamp = epochSeconds(a.get("timestamp"), "timestamp");
        firstSeen = iso(a.get("first_seen"), "first_seen");
        lastSeen = iso(a.get("last_seen"), "last_seen");
      } catch (BadTimestamp e) {
        rejections.add(
            new Rejection(location, RejectionCodes.MISP_BAD_TIMESTAMP, e.getMessage(), excerpt(a)));
        return;
      }
      List<String> tags = tagNames(a.get("Tag"));
      TlpHint tlp = tlpOf(tags);
      if (tlp == null) {
        tlp = ev.tagTlp();
      }
      if (tlp == null) {
        tlp = distributionTlp(a, obj, ev);
      }
      Set<String> labels = new LinkedHashSet<>(nonTlp(tags));
      labels.addAll(ev.labels());
      boolean indicator = truthy(a.get("to_ids")) && !MispTypes.isContextOnly(type);

      Map<String, String> context = new LinkedHashMap<>();
      context.put("misp_type", type);
      putText(context, "category", a.get("category"));
      putText(context, "comment", a.get("comment"));
      if (ev.uuid() != null) {
        context.put("event_uuid", ev.uuid());
      }
      if (obj != null && obj.name() != null) {
        context.put("object_name", obj.name());
      }
      putText(context, "object_relation", a.get("object_relation"));
      for (MispPart part : parts) {
        Map<String, String> ctx = new LinkedHashMap<>(context);
        part.context().forEach((k, v) -> putClean(ctx, k, v));
        out.add(
            new RawObservable(
                part.type(),
                part.value(),
                firstSeen != null ? firstSeen : stamp,
                lastSeen != null ? lastSeen : stamp,
                List.copyOf(labels),
                null,
                tlp,
                indicator,
                location,
                ctx));
      }
    }
  }

  private static @Nullable TlpHint distributionTlp(
      JsonNode a, @Nullable ObjectContext obj, EventContext ev) {
    Integer d = distribution(a.get("distribution"));
    if ((d == null || d == 5) && obj != null) {
      d = obj.distribution();
    }
    if (d == null || d == 5) {
      d = ev.distribution();
    }
    if (d == null) {
      return null;
    }
    switch (d) {
      case 0:
        return TlpHint.RED; // your organisation only
      case 1:
        return TlpHint.AMBER; // this community only
      case 2:
        return TlpHint.GREEN; // connected communities
      case 3:
        return TlpHint.CLEAR; // all communities
      case 4:
        return TlpHint.AMBER_STRICT; // a sharing group: named recipients only
      default:
        return null;
    }
  }

  private static @Nullable Integer distribution(@Nullable JsonNode n) {
    if (n == null) {
      return null;
    }
    if (n.isIntegralNumber() && n.canConvertToInt()) {
      int d = n.intValue();
      return d >= 0 && d <= 5 ? d : null;
    }
    if (n.isTextual() && n.textValue().matches("[0-5]")) {
      return Integer.parseInt(n.textValue());
    }
    return null;
  }

  private static boolean truthy(@Nullable JsonNode n) {
    if (n == null) {
      return false;
    }
    if (n.isBoolean()) {
      return n.booleanValue();
    }
    if (n.isIntegralNumber()) {
      return n.canConvertToInt() && n.intValue() == 1;
    }
    return n.isTextual() && (n.textValue().equals("1") || n.textValue().equalsIgnoreCase("true"));
  }

  private static List<String> tagNames(@Nullable JsonNode tags) {
    List<String> names = new ArrayList<>();
    if (tags == null || !tags.isArray()) {
      return names;
    }
    for (JsonNode t : tags) {
      JsonNode name = t.isObject() ? t.get("name") : t;
      if (name != null && name.isTextual()) {
        String s = name.textValue().strip();
        if (!s.isEmpty() && s.length() <= MAX_CONTEXT && Text.firstControl(s) < 0) {
          names.add(s);
        }
      }
    }
    return names;
  }

  private static @Nullable TlpHint tlpOf(List<String> tags) {
    TlpHint most = null;
    for (String tag : tags) {
      TlpHint t = tlpTag(tag);
      if (t != null && (most == null || t.ordinal() > most.ordinal())) {
        most = t;
      }
    }
    return most;
  }

  private static @Nullable TlpHint tlpTag(String tag) {
    return tag.regionMatches(true, 0, "tlp:", 0, 4) ? TlpHint.fromName(tag.substring(4)) : null;
  }

  private static List<String> nonTlp(List<String> tags) {
    return tags.stream().filter(t -> tlpTag(t) == null).toList();
  }

  /** A timestamp field that is present but not a valid time. */
  private static final class BadTimestamp extends Exception {
    private static final long serialVersionUID = 1L;

    BadTimestamp(String message) {
      super(message, null, false, false);
    }

    @Override
    public String getMessage() {
      return Objects.requireNonNull(super.getMessage());
    }
  }

  private static @Nullable Instant epochSeconds(@Nullable JsonNode n, String field)
      throws BadTimestamp {
    if (n == null || n.isNull()) {
      return null;
    }
    String s = n.isIntegralNumber() || n.isTextual() ? n.asText().strip() : "";
    try {
      return TimestampFormat.of("epoch-seconds").parse(s);
    } catch (DateTimeException e) {
      throw new BadTimestamp(field + " '" + cut(s) + "' is not epoch seconds: " + e.getMessage());
    }
  }

  private static @Nullable Instant iso(@Nullable JsonNode n, String field) throws BadTimestamp {
    if (n == null || n.isNull() || (n.isTextual() && n.textValue().isBlank())) {
      return null;
    }
    String s = n.isTextual() ? n.textValue().strip() : n.toString();
    try {
      return TimestampFormat.ISO.parse(s);
    } catch (DateTimeException e) {
      throw new BadTimestamp(field + " '" + cut(s) + "' is not an ISO 8601 time");
    }
  }

  private static void putText(Map<String, String> ctx, String key, @Nullable JsonNode n) {
    if (n != null && n.isTextual()) {
      putClean(ctx, key, n.textValue());
    }
  }

  private static void putClean(Map<String, String> ctx, String key, String value) {
    String s = clean(value);
    if (s != null) {
      ctx.put(key, s);
    }
  }

  /** Context must stay small and printable: cut long text, drop text with control characters. */
  private static @Nullable String clean(String s) {
    String t = s.strip();
    if (t.isEmpty() || Text.firstControl(t) >= 0) {
      return null;
    }
    return cut(t);
  }

  private static String cut(String s) {
    return s.length() <= MAX_CONTEXT ? s : s.substring(0, MAX_CONTEXT);
  }

  private static @Nullable String safeId(@Nullable JsonNode n) {
    return n != null && n.isTextual() && SAFE_ID.matcher(n.textValue()).matches()
        ? n.textValue()
        : null;
  }

  private static boolean looksLikeManifest(JsonNode root) {
    if (!root.isObject() || root.isEmpty()) {
      return false;
    }
    for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
      if (!UUID.matcher(it.next()).matches()) {
        return false;
      }
    }
    return true;
  }

  private static String describe(JsonNode n) {
    if (n.isObject()) {
      List<String> keys = new ArrayList<>();
      n.fieldNames().forEachRemaining(keys::add);
      return "an object with keys " + cut(keys.toString());
    }
    return "a JSON " + n.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
  }

  private static String excerpt(JsonNode n) {
    String s = n.isTextual() ? n.textValue() : n.toString();
    return s.length() <= Rejection.MAX_EXCERPT ? s : s.substring(0, Rejection.MAX_EXCERPT);
  }
}
