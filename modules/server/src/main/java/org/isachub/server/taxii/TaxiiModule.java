package org.isachub.server.taxii;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import org.isachub.distribute.member.Principal;
import org.isachub.ingest.IngestConfig;
import org.isachub.ingest.IngestFormat;
import org.isachub.ingest.IngestRejectedException;
import org.isachub.ingest.IngestReport;
import org.isachub.ingest.IngestRequest;
import org.isachub.ingest.IngestUnavailableException;
import org.isachub.ingest.Ingestor;
import org.isachub.ingest.ObjectOutcome;
import org.isachub.ingest.ObjectStatus;
import org.isachub.ingest.RequestProblem;
import org.isachub.server.ApiError;
import org.isachub.server.Requests;
import org.isachub.server.ServerConfig;
import org.isachub.server.ServerContext;
import org.isachub.server.ServerModule;
import org.isachub.stix.model.StixIds;
import org.isachub.wire.avro.Member;
import org.jspecify.annotations.Nullable;

/**
 * The TAXII 2.1 server under {@code /taxii2/}: discovery, the API root {@code /taxii2/isac/}, two
 * collections per caller — its own feed (read) and {@code submissions} (write, into the ingest
 * path) — objects, manifest, versions and status.
 *
 * <p>A feed page is read straight from the member's one-partition feed topic: {@code added_after}
 * seeks with {@code offsetsForTimes}, {@code next} is an opaque offset cursor, so the server keeps
 * no paging state and any page costs one seek. Every answer and error is {@code
 * application/taxii+json;version=2.1}; errors carry {@code title}, {@code description} and {@code
 * http_status}.
 */
public final class TaxiiModule implements ServerModule {

  /** The TAXII 2.1 media type, exactly as answered. */
  public static final String TAXII = "application/taxii+json;version=2.1";

  /** The STIX 2.1 media type of the objects in the collections. */
  public static final String STIX = "application/stix+json;version=2.1";

  private static final String ROOT = "/taxii2/isac/";
  private static final String COLLECTIONS = ROOT + "collections/";
  private static final UUID SUBMISSIONS_ID =
      StixIds.uuidV5(StixIds.HUB_NAMESPACE, "taxii-collection:submissions");
  private static final DateTimeFormatter STAMP =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  private final Ingestor ingestor;
  private final IngestConfig ingestConfig;
  private final TaxiiSettings settings;
  private final StatusStore statuses;
  private @Nullable FeedReader reader;

  /**
   * Creates the module.
   *
   * @param ingestor the ingest write path, for the submissions collection
   * @param ingestConfig the ingest configuration (default TLP per source)
   * @param settings page limits, reader pool and status memory
   */
  public TaxiiModule(Ingestor ingestor, IngestConfig ingestConfig, TaxiiSettings settings) {
    this.ingestor = ingestor;
    this.ingestConfig = ingestConfig;
    this.settings = settings;
    this.statuses = new StatusStore(settings.statuses());
  }

  /**
   * The id of a member's feed collection: a name-based UUID, the same on every server.
   *
   * @param memberId the member
   * @return the collection id
   */
  public static String feedCollectionId(String memberId) {
    return StixIds.uuidV5(StixIds.HUB_NAMESPACE, "taxii-collection:feed:" + memberId).toString();
  }

  /**
   * The id of the submissions collection.
   *
   * @return the collection id
   */
  public static String submissionsCollectionId() {
    return SUBMISSIONS_ID.toString();
  }

  @Override
  public void register(RoutesConfig routes, ServerContext context) {
    FeedReader r = new FeedReader(context.kafka(), settings.readers());
    reader = r;
    routes.get("/taxii2/", ctx -> discovery(ctx, context));
    routes.get(ROOT, ctx -> apiRoot(ctx, context));
    routes.get(COLLECTIONS, ctx -> collections(ctx, context));
    routes.get(COLLECTIONS + "{collection}/", ctx -> collection(ctx, context));
    routes.get(COLLECTIONS + "{collection}/objects/", ctx -> objects(ctx, context, r, false));
    routes.post(COLLECTIONS + "{collection}/objects/", ctx -> add(ctx, context));
    routes.get(COLLECTIONS + "{collection}/manifest/", ctx -> objects(ctx, context, r, true));
    routes.get(COLLECTIONS + "{collection}/objects/{object}/", ctx -> object(ctx, context, r));
    routes.get(
        COLLECTIONS + "{collection}/objects/{object}/versions/", ctx -> versions(ctx, context, r));
    routes.get(ROOT + "status/{status}/", ctx -> status(ctx, context));
    routes.after("/taxii2/*", ctx -> taxiiError(ctx, context));
  }

  // --- discovery, root, collections ------------------------------------------------------------

  private void discovery(Context ctx, ServerContext context) {
    accept(ctx);
    ObjectNode body = context.json().createObjectNode();
    body.put("title", "isachub TAXII 2.1");
    body.put("description", "Indicator feeds of the hub's members and their submissions inbox.");
    body.put("default", ROOT);
    body.putArray("api_roots").add(ROOT);
    answer(ctx, 200, body);
  }

  private void apiRoot(Context ctx, ServerContext context) {
    accept(ctx);
    ObjectNode body = context.json().createObjectNode();
    body.put("title", "isachub");
    body.put("description", "The member's own feed and the submissions collection.");
    body.putArray("versions").add(TAXII);
    body.put("max_content_length", context.config().getLong(ServerConfig.MAX_REQUEST_BYTES_CONFIG));
    answer(ctx, 200, body);
  }

  private void collections(Context ctx, ServerContext context) {
    accept(ctx);
    Principal p = Requests.principal(ctx);
    ObjectNode body = context.json().createObjectNode();
    ArrayNode list = body.putArray("collections");
    list.add(describe(context, p, true));
    list.add(describe(context, p, false));
    answer(ctx, 200, body);
  }

  private void collection(Context ctx, ServerContext context) {
    accept(ctx);
    Principal p = Requests.principal(ctx);
    answer(ctx, 200, describe(context, p, isFeed(ctx, p)));
  }

  private static ObjectNode describe(ServerContext context, Principal p, boolean feed) {
    ObjectNode c = context.json().createObjectNode();
    if (feed) {
      c.put("id", feedCollectionId(p.memberId()));
      c.put("title", "feed");
      c.put(
          "description",
          "Indicators for " + p.memberId() + ", as it may see them, as they change.");
      c.put("can_read", true);
      c.put("can_write", false);
    } else {
      c.put("id", submissionsCollectionId());
      c.put("title", "submissions");
      c.put("description", "Submit STIX 2.1 indicators and sightings to the hub.");
      c.put("can_read", false);
      c.put("can_write", true);
    }
    c.putArray("media_types").add(STIX);
    return c;
  }

  /** True for the caller's feed, false for submissions; any other id is 404, its own or not. */
  private static boolean isFeed(Context ctx, Principal p) {
    String id = ctx.pathParam("collection");
    if (id.equals(feedCollectionId(p.memberId()))) {
      return true;
    }
    if (id.equals(submissionsCollectionId())) {
      return false;
    }
    throw ApiError.notFound("no collection '" + id + "' in this API root");
  }

  private static void readable(Context ctx, Principal p) {
    if (!isFeed(ctx, p)) {
      throw ApiError.forbidden("the submissions collection can be written, not read");
    }
  }

  // --- objects and manifest --------------------------------------------------------------------

  private void objects(Context ctx, ServerContext context, FeedReader r, boolean manifest) {
    accept(ctx);
    Principal p = Requests.principal(ctx);
    readable(ctx, p);
    Filter filter = Filter.of(ctx, null);
    FeedReader.Page page = read(ctx, r, p, filter);
    List<FeedReader.Entry> entries = filter.versions(page.entries());
    ObjectNode body = context.json().createObjectNode();
    body.put("more", page.more());
    if (page.more()) {
      body.put("next", Cursor.encode(page.next()));
    }
    ArrayNode out = body.putArray("objects");
    for (FeedReader.Entry e : entries) {
      if (manifest) {
        ObjectNode m = out.addObject();
        m.put("id", e.value().getIndicatorId());
        m.put("date_added", STAMP.format(Instant.ofEpochMilli(e.timestamp())));
        m.put("version", modified(context, e));
        m.put("media_type", STIX);
      } else {
        out.add(stix(context, e));
      }
    }
    dateHeaders(ctx, entries);
    answer(ctx, 200, body);
  }

  private void object(Context ctx, ServerContext context, FeedReader r) {
    accept(ctx);
    Principal p = Requests.principal(ctx);
    readable(ctx, p);
    String id = ctx.pathParam("object");
    Filter filter = Filter.of(ctx, id);
    List<FeedReader.Entry> entries;
    boolean more = false;
    long next = 0;
    if (filter.lastOnly()) {
      // The newest version can be anywhere up to the end of the feed: read it all, keep one.
      FeedReader.Entry last = null;
      long start = start(ctx);
      Long after = ctx.queryParam("next") == null ? afterMillis(ctx) : null;
      while (true) {
        FeedReader.Page page = r.read(p.memberId(), start, after, settings.maxLimit(), filter);
        if (!page.entries().isEmpty()) {
          last = page.entries().get(page.entries().size() - 1);
        }
        if (!page.more()) {
          break;
        }
        start = page.next();
        after = null;
      }
      entries = last == null ? List.of() : List.of(last);
    } else {
      FeedReader.Page page = read(ctx, r, p, filter);
      entries = filter.versions(page.entries());
      more = page.more();
      next = page.next();
    }
    if (entries.isEmpty() && !more) {
      throw ApiError.notFound("no object '" + id + "' in this collection");
    }
    ObjectNode body = context.json().createObjectNode();
    body.put("more", more);
    if (more) {
      body.put("next", Cursor.encode(next));
    }
    ArrayNode out = body.putArray("objects");
    entries.forEach(e -> out.add(stix(context, e)));
    dateHeaders(ctx, entries);
    answer(ctx, 200, body);
  }

  private void versions(Context ctx, ServerContext context, FeedReader r) {
    accept(ctx);
    Principal p = Requests.principal(ctx);
    readable(ctx, p);
    String id = ctx.pathParam("object");
    FeedReader.Page page = read(ctx, r, p, Filter.of(ctx, id).allVersions());
    if (page.entries().isEmpty() && !page.more() && ctx.queryParam("next") == null) {
      throw ApiError.notFound("no object '" + id + "' in this collection");
    }
    ObjectNode body = context.json().createObjectNode();
    body.put("more", page.more());
    if (page.more()) {
      body.put("next", Cursor.encode(page.next()));
    }
    ArrayNode out = body.putArray("versions");
    page.entries().forEach(e -> out.add(modified(context, e)));
    dateHeaders(ctx, page.entries());
    answer(ctx, 200, body);
  }

  private FeedReader.Page read(Context ctx, FeedReader r, Principal p, Filter filter) {
    int limit = limit(ctx);
    long start = start(ctx);
    Long after = ctx.queryParam("next") == null ? afterMillis(ctx) : null;
    return r.read(p.memberId(), start, after, limit, filter);
  }

  private int limit(Context ctx) {
    String v = ctx.queryParam("limit");
    if (v == null || v.isBlank()) {
      return settings.defaultLimit();
    }
    try {
      int n = Integer.parseInt(v.strip());
      if (n < 1) {
        throw ApiError.badRequest("'limit' must be a positive integer");
      }
      return Math.min(n, settings.maxLimit());
    } catch (NumberFormatException e) {
      throw ApiError.badRequest("'limit' must be a positive integer, not '" + v + "'");
    }
  }

  private static long start(Context ctx) {
    String next = ctx.queryParam("next");
    return next == null ? 0 : Cursor.decode(next);
  }

  private static @Nullable Long afterMillis(Context ctx) {
    String v = ctx.queryParam("added_after");
    return v == null || v.isBlank() ? null : timestamp(v, "added_after").toEpochMilli();
  }

  static Instant timestamp(String v, String what) {
    try {
      return Instant.parse(v.strip());
    } catch (DateTimeParseException e) {
      try {
        return OffsetDateTime.parse(v.strip()).toInstant();
      } catch (DateTimeParseException e2) {
        throw ApiError.badRequest(
            "'" + what + "' must be an RFC 3339 timestamp such as 2026-01-31T12:00:00.000Z");
      }
    }
  }

  private static void dateHeaders(Context ctx, List<FeedReader.Entry> entries) {
    if (entries.isEmpty()) {
      return;
    }
    ctx.header(
        "X-TAXII-Date-Added-First", STAMP.format(Instant.ofEpochMilli(entries.get(0).timestamp())));
    ctx.header(
        "X-TAXII-Date-Added-Last",
        STAMP.format(Instant.ofEpochMilli(entries.get(entries.size() - 1).timestamp())));
  }

  private static ObjectNode stix(ServerContext context, FeedReader.Entry e) {
    try {
      return (ObjectNode) context.json().readTree(e.value().getStix());
    } catch (JsonProcessingException | ClassCastException ex) {
      throw new IllegalStateException("feed entry at offset " + e.offset() + " is not STIX", ex);
    }
  }

  private static String modified(ServerContext context, FeedReader.Entry e) {
    ObjectNode o = stix(context, e);
    return o.path("modified").asText(o.path("created").asText(""));
  }

  // --- submissions -----------------------------------------------------------------------------

  private void add(Context ctx, ServerContext context) {
    accept(ctx);
    Principal p = Requests.principal(ctx);
    if (isFeed(ctx, p)) {
      throw ApiError.forbidden("a feed collection can be read, not written");
    }
    if (!isTaxii21(ctx.contentType())) {
      throw new ApiError(415, "send the envelope as " + TAXII);
    }
    JsonNode envelope;
    try {
      envelope = context.json().readTree(ctx.bodyAsBytes());
    } catch (IOException e) {
      throw ApiError.badRequest("the request body is not valid JSON");
    }
    if (envelope == null || !envelope.isObject() || !envelope.path("objects").isArray()) {
      throw ApiError.badRequest("the body must be a TAXII envelope: {\"objects\": [...]}");
    }
    ObjectNode bundle = context.json().createObjectNode();
    bundle.put("type", "bundle");
    bundle.put("id", "bundle--" + UUID.randomUUID());
    bundle.set("objects", envelope.path("objects"));
    Member member = context.directory().member(p.memberId()).orElse(null);
    IngestRequest request =
        new IngestRequest(
            bundle.toString().getBytes(StandardCharsets.UTF_8),
            IngestFormat.STIX,
            null,
            p.memberId(),
            p.memberId(),
            null,
            ingestConfig.defaultTlpFor(p.memberId()),
            List.of(),
            member != null && member.getAnonymous());
    Instant received = context.clock().instant();
    IngestReport report;
    try {
      report = ingestor.ingest(request);
    } catch (IngestRejectedException e) {
      int status =
          e.problem() == RequestProblem.TOO_LARGE
              ? 413
              : e.problem() == RequestProblem.UNSUPPORTED ? 415 : 400;
      throw new ApiError(status, e.code() + ": " + e.reason());
    } catch (IngestUnavailableException e) {
      throw new ApiError(
          503,
          "service_unavailable",
          "the hub could not store the objects; nothing was accepted; retry later",
          Map.of("Retry-After", Long.toString(Math.max(1, e.retryAfter().toSeconds()))));
    }
    ObjectNode status = statusOf(context, report, envelope.path("objects").size(), received);
    statuses.put(status.path("id").asText(), p.memberId(), status);
    answer(ctx, 202, status);
  }

  private static ObjectNode statusOf(
      ServerContext context, IngestReport report, int total, Instant received) {
    ObjectNode s = context.json().createObjectNode();
    s.put("id", report.submissionId());
    s.put("status", "complete");
    s.put("request_timestamp", STAMP.format(received));
    ArrayNode successes = context.json().createArrayNode();
    ArrayNode failures = context.json().createArrayNode();
    for (ObjectOutcome o : report.objects()) {
      if (o.status() == ObjectStatus.REJECTED) {
        ObjectNode f = failures.addObject();
        f.put("id", o.ref());
        f.put("message", o.code() + ": " + o.reason());
      } else {
        ObjectNode ok = successes.addObject();
        ok.put("id", o.ref());
        if (o.status() == ObjectStatus.DUPLICATE && o.reason() != null) {
          ok.put("message", o.reason());
        }
      }
    }
    // Objects taken as context or skipped on purpose were received fine: they count as successes.
    s.put("total_count", total);
    s.put("success_count", total - failures.size());
    s.set("successes", successes);
    s.put("failure_count", failures.size());
    s.set("failures", failures);
    s.put("pending_count", 0);
    s.putArray("pending");
    return s;
  }

  private void status(Context ctx, ServerContext context) {
    accept(ctx);
    Principal p = Requests.principal(ctx);
    ObjectNode s = statuses.get(ctx.pathParam("status"), p.memberId());
    if (s == null) {
      throw ApiError.notFound("no status '" + ctx.pathParam("status") + "' (or it was forgotten)");
    }
    answer(ctx, 200, s);
  }

  // --- content negotiation and errors ----------------------------------------------------------

  private static void accept(Context ctx) {
    String accept = ctx.header("Accept");
    if (accept == null || accept.isBlank()) {
      return;
    }
    for (String range : accept.split(",")) {
      String[] parts = range.split(";");
      String type = parts[0].strip().toLowerCase(Locale.ROOT);
      if (type.equals("*/*") || type.equals("application/*")) {
        return;
      }
      if (type.equals("application/taxii+json")) {
        String version = null;
        for (int i = 1; i < parts.length; i++) {
          String[] kv = parts[i].strip().split("=", 2);
          if (kv.length == 2 && kv[0].strip().equalsIgnoreCase("version")) {
            version = kv[1].strip();
          }
        }
        if (version == null || version.equals("2.1")) {
          return;
        }
      }
    }
    throw new ApiError(406, "not_acceptable", "this server answers only " + TAXII, Map.of());
  }

  private static boolean isTaxii21(@Nullable String contentType) {
    if (contentType == null) {
      return false;
    }
    String[] parts = contentType.split(";");
    if (!parts[0].strip().equalsIgnoreCase("application/taxii+json")) {
      return false;
    }
    boolean version = false;
    for (int i = 1; i < parts.length; i++) {
      String[] kv = parts[i].strip().split("=", 2);
      if (kv.length == 2 && kv[0].strip().equalsIgnoreCase("version")) {
        version = kv[1].strip().equals("2.1");
      }
    }
    return version;
  }

  private static void answer(Context ctx, int status, ObjectNode body) {
    ctx.status(status);
    ctx.result(body.toString());
    ctx.contentType(TAXII);
  }

  /** Rewrites the hub's JSON error answers on TAXII routes into TAXII error resources. */
  private static void taxiiError(Context ctx, ServerContext context) {
    int status = ctx.statusCode();
    if (status < 400) {
      return;
    }
    String description = ErrorText.message(context, ctx.result());
    ObjectNode body = context.json().createObjectNode();
    body.put("title", ErrorText.title(status));
    body.put("description", description);
    body.put("http_status", Integer.toString(status));
    ctx.result(body.toString());
    // The hub's error writer left a charset on the response; the TAXII media type is exact.
    ctx.res().setCharacterEncoding(null);
    ctx.res().setContentType(TAXII);
  }

  /** The objects filter of a request: {@code match[...]} parameters, evaluated per feed entry. */
  private record Filter(
      @Nullable Set<String> ids, @Nullable Set<String> types, boolean specOk, Set<String> versions)
      implements Predicate<FeedReader.Entry> {

    static Filter of(Context ctx, @Nullable String objectId) {
      Set<String> ids = split(ctx.queryParam("match[id]"));
      if (objectId != null) {
        ids = ids == null || ids.contains(objectId) ? Set.of(objectId) : Set.of();
      }
      Set<String> spec = split(ctx.queryParam("match[spec_version]"));
      Set<String> versions = split(ctx.queryParam("match[version]"));
      if (versions != null) {
        for (String v : versions) {
          if (!v.equals("all") && !v.equals("last") && !v.equals("first")) {
            timestamp(v, "match[version]");
          }
        }
      }
      return new Filter(
          ids,
          split(ctx.queryParam("match[type]")),
          spec == null || spec.contains("2.1"),
          versions == null ? Set.of("last") : versions);
    }

    Filter allVersions() {
      return new Filter(ids, types, specOk, Set.of("all"));
    }

    boolean lastOnly() {
      return versions.equals(Set.of("last"));
    }

    private @Nullable Set<Instant> stamps() {
      Set<Instant> s = new HashSet<>();
      for (String v : versions) {
        if (!v.equals("all") && !v.equals("last") && !v.equals("first")) {
          s.add(timestamp(v, "match[version]"));
        }
      }
      return s.isEmpty() ? null : s;
    }

    @Override
    public boolean test(FeedReader.Entry e) {
      String id = e.value().getIndicatorId();
      if (!specOk || ids != null && !ids.contains(id)) {
        return false;
      }
      if (types != null && !types.contains(StixIds.typeOf(id))) {
        return false;
      }
      Set<Instant> stamps = versions.contains("all") ? null : stamps();
      if (stamps != null) {
        String modified = ErrorText.modified(e.value().getStix());
        return modified != null && stamps.contains(timestamp(modified, "modified"))
            || versions.contains("last")
            || versions.contains("first");
      }
      return true;
    }

    /** Applies {@code last} and {@code first} within the page (the feed is a change log). */
    List<FeedReader.Entry> versions(List<FeedReader.Entry> page) {
      if (versions.contains("all") || !versions.contains("last") && !versions.contains("first")) {
        return page;
      }
      Map<String, Integer> firstAt = new LinkedHashMap<>();
      Map<String, Integer> lastAt = new LinkedHashMap<>();
      for (int i = 0; i < page.size(); i++) {
        String id = page.get(i).value().getIndicatorId();
        firstAt.putIfAbsent(id, i);
        lastAt.put(id, i);
      }
      List<FeedReader.Entry> out = new ArrayList<>();
      for (int i = 0; i < page.size(); i++) {
        String id = page.get(i).value().getIndicatorId();
        if (versions.contains("last") && lastAt.get(id) == i
            || versions.contains("first") && firstAt.get(id) == i) {
          out.add(page.get(i));
        }
      }
      return out;
    }

    private static @Nullable Set<String> split(@Nullable String v) {
      if (v == null || v.isBlank()) {
        return null;
      }
      return new HashSet<>(
          Arrays.stream(v.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList());
    }
  }
}
