package org.isachub.server.feeds;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.isachub.distribute.member.Principal;
import org.isachub.distribute.member.Role;
import org.isachub.server.ApiError;
import org.isachub.server.Requests;
import org.isachub.server.ServerContext;
import org.isachub.server.ServerMetrics;
import org.isachub.server.ServerModule;
import org.isachub.server.internal.TopicReplica;
import org.isachub.stix.observable.ObservableKey;
import org.isachub.wire.Topics;
import org.isachub.wire.avro.FeedEntry;
import org.isachub.wire.avro.Tlp;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Member blocklists over HTTP, served from memory kept current from every member feed.
 *
 * <ul>
 *   <li>{@code GET /api/v1/feeds/{member}/blocklist.txt[?type=ipv4-addr]}: one canonical value a
 *       line (the key without its type prefix), in key order.
 *   <li>{@code GET /api/v1/feeds/{member}/blocklist.csv[?type=…]}: {@code
 *       type,value,score,tlp,first_listed} with a header row.
 * </ul>
 *
 * <p>A member reads only its own blocklist; admins may read any member's (for support), analysts
 * and everyone else get {@code 403} for another member's. An unknown {@code type} is {@code 400};
 * an admin asking for a member the directory does not know gets {@code 404}.
 *
 * <p>Start it before the server answers requests and close it after; until its replica has caught
 * up, the {@code blocklists} health check says not ready.
 */
public final class BlocklistModule implements ServerModule, AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(BlocklistModule.class);

  /** How often a running server looks for new feed topics (new members) by default. */
  public static final Duration DEFAULT_REFRESH = Duration.ofSeconds(10);

  private final Blocklists blocklists = new Blocklists();
  private final TopicReplica replica;
  private volatile @Nullable ServerMetrics metrics;

  /**
   * Creates the module; nothing is read until {@link #start()}.
   *
   * @param kafka Kafka client settings
   * @param clientId the feed consumer's {@code client.id}
   * @param refresh how often to look for new feed topics
   */
  public BlocklistModule(Map<String, Object> kafka, String clientId, Duration refresh) {
    this.replica =
        new TopicReplica(
            "blocklists",
            kafka,
            clientId,
            Topics::isFeed,
            refresh,
            this::apply,
            tp -> blocklists.forget(member(tp.topic())));
  }

  /**
   * Starts reading the feeds in the background.
   *
   * @return this module
   */
  public BlocklistModule start() {
    replica.start();
    return this;
  }

  /**
   * The replica of the feeds, for readiness and read-your-writes in tests.
   *
   * @return the replica
   */
  public TopicReplica replica() {
    return replica;
  }

  @Override
  public void register(RoutesConfig routes, ServerContext context) {
    ServerMetrics m = new ServerMetrics(context.metrics());
    m.replicaEntries("blocklists", blocklists::size);
    metrics = m;
    context.health().register("blocklists", replica::isReady);
    routes.get("/api/v1/feeds/{member}/blocklist.txt", ctx -> text(ctx, context));
    routes.get("/api/v1/feeds/{member}/blocklist.csv", ctx -> csv(ctx, context));
  }

  private void apply(ConsumerRecord<byte[], byte[]> r) {
    String member = member(r.topic());
    try {
      var spec = Topics.feed(member);
      String key = spec.keySerde().deserializer().deserialize(r.topic(), r.key());
      if (key == null) {
        LOG.warn(
            "event=blocklist-record-skipped topic={} offset={} reason=no-key",
            r.topic(),
            r.offset());
        return;
      }
      FeedEntry entry = spec.valueSerde().deserializer().deserialize(r.topic(), r.value());
      blocklists.apply(member, key, entry);
    } catch (RuntimeException e) {
      ServerMetrics m = metrics;
      if (m != null) {
        m.replicaSkipped("blocklists");
      }
      // One unreadable record must not stop every member's blocklist.
      LOG.warn(
          "event=blocklist-record-skipped topic={} offset={} reason={}",
          r.topic(),
          r.offset(),
          e.toString());
    }
  }

  private static String member(String feedTopic) {
    return feedTopic.substring("isac.feed.".length(), feedTopic.length() - ".v1".length());
  }

  private void text(Context ctx, ServerContext context) {
    List<Listing> listings = listings(ctx, context);
    StringBuilder out = new StringBuilder(listings.size() * 24);
    for (Listing l : listings) {
      String value = l.value();
      // A line break inside a value would split it into two entries for a firewall; canonical
      // values never hold one, so such a value is left out rather than mangled.
      if (value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0) {
        continue;
      }
      out.append(value).append('\n');
    }
    ctx.contentType("text/plain; charset=utf-8");
    ctx.result(out.toString());
  }

  private void csv(Context ctx, ServerContext context) {
    List<Listing> listings = listings(ctx, context);
    StringBuilder out = new StringBuilder(64 + listings.size() * 64);
    out.append("type,value,score,tlp,first_listed\r\n");
    for (Listing l : listings) {
      out.append(cell(l.type()))
          .append(',')
          .append(cell(l.value()))
          .append(',')
          .append(Math.round(l.entry().getScore()))
          .append(',')
          .append(tlp(l.entry().getTlp()))
          .append(',')
          .append(l.firstListed())
          .append("\r\n");
    }
    ctx.contentType("text/csv; charset=utf-8");
    ctx.result(out.toString());
  }

  private List<Listing> listings(Context ctx, ServerContext context) {
    Principal caller = Requests.principal(ctx);
    requireReady();
    String member = ctx.pathParam("member");
    if (!member.equals(caller.memberId()) && caller.role() != Role.ADMIN) {
      throw ApiError.forbidden("a member may read only its own blocklist");
    }
    if (!Topics.MEMBER_ID.matcher(member).matches()) {
      throw ApiError.badRequest("'" + member + "' is not a member id");
    }
    // Only an admin can get here for another member, and may learn that it does not exist.
    if (!member.equals(caller.memberId()) && context.directory().member(member).isEmpty()) {
      throw ApiError.notFound("no member " + member);
    }
    return blocklists.of(member, type(ctx.queryParam("type")));
  }

  private static @Nullable String type(@Nullable String type) {
    if (type == null || type.isBlank()) {
      return null;
    }
    String t = type.strip().toLowerCase(Locale.ROOT);
    if (!ObservableKey.TYPES.contains(t)) {
      throw ApiError.badRequest(
          "type '"
              + (type.length() > 40 ? type.substring(0, 40) + "…" : type)
              + "' is not an observable type; use one of "
              + String.join(", ", ObservableKey.TYPES.stream().sorted().toList()));
    }
    return t;
  }

  /** TLP 2.0 label, e.g. {@code TLP:AMBER+STRICT}. */
  static String tlp(Tlp tlp) {
    return "TLP:" + tlp.name().replace('_', '+');
  }

  /** One RFC 4180 cell: quoted when it holds a comma, quote or line break. */
  static String cell(String value) {
    if (value.indexOf(',') < 0
        && value.indexOf('"') < 0
        && value.indexOf('\n') < 0
        && value.indexOf('\r') < 0) {
      return value;
    }
    return '"' + value.replace("\"", "\"\"") + '"';
  }

  /** Refuses to answer from a replica that has not caught up: a partial answer looks complete. */
  private void requireReady() {
    if (!replica.isReady()) {
      throw new ApiError(
          503,
          "service_unavailable",
          "the blocklists are still loading; retry shortly",
          Map.of("Retry-After", "5"));
    }
  }

  /** Stops reading the feeds. Safe to call twice. */
  @Override
  public void close() {
    replica.close();
  }
}
