package org.isachub.server.indicators;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.isachub.distribute.feed.FeedPlanner;
import org.isachub.distribute.feed.MemberView;
import org.isachub.distribute.feed.SubscriptionIndex;
import org.isachub.distribute.member.Principal;
import org.isachub.server.Access;
import org.isachub.server.ApiError;
import org.isachub.server.Requests;
import org.isachub.server.ServerContext;
import org.isachub.server.ServerMetrics;
import org.isachub.server.ServerModule;
import org.isachub.server.internal.TopicReplica;
import org.isachub.stix.observable.ObservableException;
import org.isachub.stix.observable.ObservableKey;
import org.isachub.wire.Topics;
import org.isachub.wire.avro.AudienceView;
import org.isachub.wire.avro.IndicatorState;
import org.isachub.wire.avro.Member;
import org.isachub.wire.avro.Score;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The indicator lookup and the "who would receive this?" dry run, served from memory kept current
 * from the compacted indicators topic.
 *
 * <ul>
 *   <li>{@code GET /api/v1/indicators/{key}} (the canonical key, URL-encoded): the caller's own
 *       view of the indicator only — the view {@link MemberView#of} picks for it, with its score
 *       components, sources as shown to it, decision and TLP. {@code 404} when the key is unknown
 *       and equally when nothing of it is visible to the caller, so existence is not revealed.
 *   <li>{@code GET /api/v1/indicators/{key}/recipients} (analysts and admins): for every member,
 *       whether the indicator would reach it and why, from the current members and subscriptions.
 * </ul>
 *
 * <p>A malformed key is {@code 400}. Start it before the server answers requests and close it
 * after; the {@code indicators} health check says when it has caught up.
 */
public final class IndicatorModule implements ServerModule, AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(IndicatorModule.class);

  private final IndicatorStates states = new IndicatorStates();
  private final TopicReplica replica;
  private volatile @Nullable ServerMetrics metrics;

  /**
   * Creates the module; nothing is read until {@link #start()}.
   *
   * @param kafka Kafka client settings
   * @param clientId the consumer's {@code client.id}
   */
  public IndicatorModule(Map<String, Object> kafka, String clientId) {
    String topic = Topics.INDICATORS.name();
    // The topic is fixed; the refresh only matters until it exists and if partitions are added.
    this.replica =
        new TopicReplica(
            "indicators",
            kafka,
            clientId,
            topic::equals,
            Duration.ofSeconds(30),
            this::apply,
            // The topic is part of the hub's catalogue; it is only missing while being recreated.
            tp -> {});
  }

  /**
   * Starts reading the indicators topic in the background.
   *
   * @return this module
   */
  public IndicatorModule start() {
    replica.start();
    return this;
  }

  /**
   * The replica of the indicators topic, for readiness and read-your-writes in tests.
   *
   * @return the replica
   */
  public TopicReplica replica() {
    return replica;
  }

  @Override
  public void register(RoutesConfig routes, ServerContext context) {
    ServerMetrics m = new ServerMetrics(context.metrics());
    m.replicaEntries("indicators", states::size);
    metrics = m;
    context.health().register("indicators", replica::isReady);
    routes.get("/api/v1/indicators/{key}", ctx -> lookup(ctx, context));
    routes.get(
        "/api/v1/indicators/{key}/recipients",
        ctx -> recipients(ctx, context),
        Access.ANALYST,
        Access.ADMIN);
  }

  private void apply(ConsumerRecord<byte[], byte[]> r) {
    try {
      String key = Topics.INDICATORS.keySerde().deserializer().deserialize(r.topic(), r.key());
      if (key == null) {
        LOG.warn("event=indicator-record-skipped offset={} reason=no-key", r.offset());
        return;
      }
      states.apply(
          key, Topics.INDICATORS.valueSerde().deserializer().deserialize(r.topic(), r.value()));
    } catch (RuntimeException e) {
      ServerMetrics m = metrics;
      if (m != null) {
        m.replicaSkipped("indicators");
      }
      // One unreadable record must not stop the lookup for every other indicator.
      LOG.warn(
          "event=indicator-record-skipped partition={} offset={} reason={}",
          r.partition(),
          r.offset(),
          e.toString());
    }
  }

  private void lookup(Context ctx, ServerContext context) {
    Principal caller = Requests.principal(ctx);
    requireReady();
    String key = key(ctx);
    Member member =
        context
            .directory()
            .member(caller.memberId())
            .orElseThrow(() -> ApiError.forbidden("the caller is not a current member"));
    IndicatorState state = states.get(key).orElse(null);
    // Unknown and invisible answer alike, so a caller cannot learn that restricted material exists.
    AudienceView view = state == null ? null : MemberView.of(state, member).orElse(null);
    if (state == null || view == null) {
      throw ApiError.notFound("no indicator " + key + " is visible to you");
    }
    ctx.contentType("application/json");
    ctx.result(render(context, state, view).toString());
  }

  private void recipients(Context ctx, ServerContext context) {
    requireReady();
    String key = key(ctx);
    IndicatorState state =
        states.get(key).orElseThrow(() -> ApiError.notFound("no indicator " + key + " is known"));
    List<Member> members = context.directory().members();
    // Built per request from the directory's current contents: O(members + subscriptions), which
    // is what a dry run for one indicator may cost.
    SubscriptionIndex index = SubscriptionIndex.build(members, context.directory().subscriptions());
    Map<String, FeedPlanner.Match> reached =
        FeedPlanner.plan(state, index, members.stream().map(Member::getId).toList());
    ObjectNode out = context.json().createObjectNode();
    out.put("key", state.getKey());
    out.put("indicator_id", state.getIndicatorId());
    out.put("decision", state.getDecision().name());
    ArrayNode list = out.putArray("members");
    int count = 0;
    for (Member m : members.stream().sorted((a, b) -> a.getId().compareTo(b.getId())).toList()) {
      FeedPlanner.Match match = reached.get(m.getId());
      ObjectNode row = list.addObject();
      row.put("member", m.getId());
      row.put("clearance", m.getClearance().name());
      row.put("receives", match != null);
      row.put("reason", FeedPlanner.explain(state, index, m));
      ArrayNode subs = row.putArray("subscriptions");
      if (match != null) {
        count++;
        row.put("tlp", tlp(match.view().getTlp().name()));
        match.subscriptions().forEach(subs::add);
      }
    }
    out.put("recipients", count);
    ctx.contentType("application/json");
    ctx.result(out.toString());
  }

  private static String key(Context ctx) {
    String key = ctx.pathParam("key");
    try {
      return ObservableKey.parse(key).toString();
    } catch (ObservableException e) {
      throw ApiError.badRequest(
          "the indicator key must be a canonical observable key such as ipv4-addr:198.51.100.7: "
              + e.getMessage());
    }
  }

  private static ObjectNode render(ServerContext context, IndicatorState state, AudienceView v) {
    ObjectNode out = context.json().createObjectNode();
    out.put("key", state.getKey());
    out.put("indicator_id", state.getIndicatorId());
    out.put("type", state.getObservableType());
    out.put("value", state.getValue());
    out.put("pattern", state.getPattern());
    // Everything below comes from the caller's view alone: state-wide fields (version, modified,
    // contributions, sightings) would let a lower tier infer material it may not see.
    out.put("audience", v.getAudience().name());
    out.put("tlp", tlp(v.getTlp().name()));
    out.put("decision", v.getDecision().name());
    ArrayNode sources = out.putArray("sources");
    v.getSources().forEach(sources::add);
    out.put("source_count", v.getSourceCount());
    out.put("sighting_count", v.getSightingCount());
    out.put("sighting_members", v.getSightingMembers());
    out.put("false_positive_count", v.getFalsePositiveCount());
    out.put("first_seen", v.getFirstSeen().toString());
    out.put("last_seen", v.getLastSeen().toString());
    ArrayNode labels = out.putArray("labels");
    v.getLabels().forEach(labels::add);
    ArrayNode phases = out.putArray("kill_chain_phases");
    v.getKillChainPhases().forEach(phases::add);
    ArrayNode jurisdictions = out.putArray("jurisdictions");
    v.getJurisdictions().forEach(jurisdictions::add);
    Score s = v.getScore();
    ObjectNode score = out.putObject("score");
    score.put("value", s.getValue());
    score.put("band", s.getBand());
    score.put("model_version", s.getModelVersion());
    ObjectNode components = score.putObject("components");
    components.put("base", s.getBase());
    components.put("corroboration", s.getCorroboration());
    components.put("sighting_factor", s.getSightingFactor());
    components.put("false_positive_factor", s.getFalsePositiveFactor());
    components.put("decay", s.getDecay());
    score.put("reference_time", s.getReferenceTime().toString());
    score.put("lifetime_days", s.getLifetimeDays());
    score.put("decay_speed", s.getDecaySpeed());
    score.put("evaluated_at", s.getEvaluatedAt().toString());
    return out;
  }

  private static String tlp(String name) {
    return "TLP:" + name.replace('_', '+');
  }

  /** Refuses to answer from a replica that has not caught up: a partial answer looks complete. */
  private void requireReady() {
    if (!replica.isReady()) {
      throw new ApiError(
          503,
          "service_unavailable",
          "the indicator states are still loading; retry shortly",
          Map.of("Retry-After", "5"));
    }
  }

  /** Stops reading the indicators topic. Safe to call twice. */
  @Override
  public void close() {
    replica.close();
  }
}
