package org.isachub.ingest.taxii;

import io.javalin.Javalin;
import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A small TAXII 2.1 server over real HTTP: collections of indicators served in pages with {@code
 * next} cursors, honouring {@code added_after} and {@code limit}, each collection behind its own
 * Authorization header.
 */
final class TaxiiTestServer implements AutoCloseable {

  static final Instant BASE = Instant.parse("2026-11-01T00:00:00Z");
  private static final DateTimeFormatter MICROS =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);

  /** One stored object with the time the server added it. */
  record Entry(Instant added, String json) {}

  private final Map<String, List<Entry>> collections = new ConcurrentHashMap<>();
  private final Map<String, String> authorization = new ConcurrentHashMap<>();
  final List<String> queries = new CopyOnWriteArrayList<>();
  private final Javalin app;

  TaxiiTestServer() {
    app =
        Javalin.create(
                cfg -> {
                  cfg.startup.showJavalinBanner = false;
                  cfg.routes.get("/api1/collections/{id}/objects/", this::objects);
                })
            .start("127.0.0.1", 0);
  }

  String apiRoot() {
    return "http://127.0.0.1:" + app.port() + "/api1/";
  }

  void collection(String id, String authHeader) {
    collections.put(id, new CopyOnWriteArrayList<>());
    authorization.put(id, authHeader);
  }

  /** Adds indicators numbered from..to-1, each added one second after BASE + its number. */
  void addIndicators(String collection, int from, int to) {
    for (int i = from; i < to; i++) {
      collections.get(collection).add(new Entry(BASE.plusSeconds(i), indicator(collection, i)));
    }
  }

  static String id(String collection, int i) {
    return "indicator--"
        + UUID.nameUUIDFromBytes((collection + i).getBytes(StandardCharsets.UTF_8));
  }

  static String date(Instant t) {
    return MICROS.format(t);
  }

  private static String indicator(String collection, int i) {
    return "{\"type\":\"indicator\",\"spec_version\":\"2.1\",\"id\":\""
        + id(collection, i)
        + "\",\"created\":\"2026-10-01T00:00:00.000Z\",\"modified\":\"2026-10-01T00:00:00.000Z\","
        + "\"pattern\":\"[ipv4-addr:value = '10.9."
        + (i / 256)
        + "."
        + (i % 256)
        + "']\",\"pattern_type\":\"stix\",\"valid_from\":\"2026-10-01T00:00:00Z\"}";
  }

  private void objects(Context ctx) {
    String id = ctx.pathParam("id");
    List<Entry> all = collections.get(id);
    if (all == null) {
      ctx.status(404);
      return;
    }
    if (!authorization.get(id).equals(ctx.header("Authorization"))) {
      ctx.status(401).contentType("application/taxii+json;version=2.1");
      ctx.result("{\"title\":\"unauthorized\"}");
      return;
    }
    String accept = ctx.header("Accept");
    if (accept == null || !accept.startsWith("application/taxii+json")) {
      ctx.status(406);
      return;
    }
    queries.add(id + "?" + ctx.queryString());
    String addedAfter = ctx.queryParam("added_after");
    Instant after = addedAfter == null ? null : Instant.parse(addedAfter);
    List<Entry> matching = new ArrayList<>();
    for (Entry e : all) {
      if (after == null || e.added().isAfter(after)) {
        matching.add(e);
      }
    }
    int limit = ctx.queryParam("limit") == null ? 100 : Integer.parseInt(ctx.queryParam("limit"));
    String next = ctx.queryParam("next");
    int offset = next == null ? 0 : Integer.parseInt(next.substring(2));
    List<Entry> page =
        matching.subList(
            Math.min(offset, matching.size()), Math.min(offset + limit, matching.size()));
    boolean more = offset + limit < matching.size();
    StringBuilder body = new StringBuilder("{\"more\":").append(more);
    if (more) {
      body.append(",\"next\":\"o-").append(offset + limit).append('"');
    }
    body.append(",\"objects\":[");
    for (int i = 0; i < page.size(); i++) {
      body.append(i == 0 ? "" : ",").append(page.get(i).json());
    }
    body.append("]}");
    if (!page.isEmpty()) {
      ctx.header("X-TAXII-Date-Added-First", date(page.get(0).added()));
      ctx.header("X-TAXII-Date-Added-Last", date(page.get(page.size() - 1).added()));
    }
    ctx.contentType("application/taxii+json;version=2.1").result(body.toString());
  }

  @Override
  public void close() {
    app.stop();
  }
}
