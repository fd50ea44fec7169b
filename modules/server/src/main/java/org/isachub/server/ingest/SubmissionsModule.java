package org.isachub.server.ingest;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.isachub.distribute.member.Principal;
import org.isachub.distribute.member.Role;
import org.isachub.ingest.IngestConfig;
import org.isachub.ingest.IngestFormat;
import org.isachub.ingest.IngestRejectedException;
import org.isachub.ingest.IngestReport;
import org.isachub.ingest.IngestRequest;
import org.isachub.ingest.IngestUnavailableException;
import org.isachub.ingest.Ingestor;
import org.isachub.ingest.ObjectOutcome;
import org.isachub.ingest.RequestProblem;
import org.isachub.server.ApiError;
import org.isachub.server.Requests;
import org.isachub.server.ServerContext;
import org.isachub.server.ServerModule;
import org.isachub.stix.model.Tlp;
import org.isachub.wire.avro.Member;
import org.jspecify.annotations.Nullable;

/**
 * The submissions API.
 *
 * <ul>
 *   <li>{@code POST /api/v1/submissions}: a STIX bundle ({@code application/stix+json} or {@code
 *       application/json}), a MISP event ({@code ?format=misp}), or a feed as {@code text/csv}
 *       ({@code ?format=csv&mapping=feodo|urlhaus|generic}) or {@code text/plain} ({@code
 *       ?format=text}); optional {@code source} (the caller's own id unless an analyst publishes
 *       for a source granted to it), {@code tlp}, {@code recipients} (comma-separated) and {@code
 *       anonymous}. Answers {@code 202} with the submission id and, per object, accepted, duplicate
 *       or the reason it was rejected — only after Kafka acknowledged every record.
 *   <li>{@code POST /api/v1/sightings}: STIX sightings of indicators, the same way.
 * </ul>
 *
 * <p>A request that cannot be read is {@code 400}, too large {@code 413}, of an unsupported type
 * {@code 415}; when Kafka does not acknowledge, {@code 503} with {@code Retry-After}.
 */
public final class SubmissionsModule implements ServerModule {

  private final Ingestor ingestor;
  private final IngestConfig config;

  /**
   * Creates the module.
   *
   * @param ingestor the ingest stage's write path
   * @param config the ingest configuration (default TLP per source)
   */
  public SubmissionsModule(Ingestor ingestor, IngestConfig config) {
    this.ingestor = ingestor;
    this.config = config;
  }

  @Override
  public void register(RoutesConfig routes, ServerContext context) {
    routes.post("/api/v1/submissions", ctx -> submit(ctx, context, false));
    routes.post("/api/v1/sightings", ctx -> submit(ctx, context, true));
  }

  private void submit(Context ctx, ServerContext context, boolean sightings) {
    Principal principal = Requests.principal(ctx);
    String source = source(ctx, context, principal);
    IngestFormat format;
    try {
      format = IngestFormat.choose(ctx.queryParam("format"), ctx.contentType());
    } catch (IngestRejectedException e) {
      throw toApiError(e);
    }
    if (sightings && format != IngestFormat.STIX) {
      throw new ApiError(415, "sightings are STIX 2.1 sighting objects (application/stix+json)");
    }
    Tlp tlp = tlp(ctx.queryParam("tlp"));
    List<String> recipients = recipients(ctx.queryParam("recipients"));
    Member member = context.directory().member(principal.memberId()).orElse(null);
    boolean anonymous =
        Boolean.parseBoolean(ctx.queryParamAsClass("anonymous", String.class).getOrDefault("false"))
            || member != null && member.getAnonymous();
    IngestRequest request =
        new IngestRequest(
            ctx.bodyAsBytes(),
            format,
            ctx.queryParam("mapping") == null ? "generic" : ctx.queryParam("mapping"),
            source,
            principal.memberId(),
            tlp,
            config.defaultTlpFor(source),
            recipients,
            anonymous);
    IngestReport report;
    try {
      report = ingestor.ingest(request);
    } catch (IngestRejectedException e) {
      throw toApiError(e);
    } catch (IngestUnavailableException e) {
      throw new ApiError(
          503,
          "service_unavailable",
          "the hub could not store the submission; nothing was accepted; retry later",
          Map.of("Retry-After", Long.toString(Math.max(1, e.retryAfter().toSeconds()))));
    }
    ctx.status(202);
    ctx.contentType("application/json");
    ctx.result(render(context, report).toString());
  }

  private static String source(Context ctx, ServerContext context, Principal principal) {
    String asked = ctx.queryParam("source");
    if (asked == null || asked.isBlank() || asked.equals(principal.memberId())) {
      return principal.memberId();
    }
    Member member = context.directory().member(principal.memberId()).orElse(null);
    boolean granted =
        principal.role() == Role.ANALYST
            && member != null
            && member.getGrantedSources().contains(asked);
    if (!granted) {
      throw ApiError.forbidden(
          "a member submits only as itself; analysts only for sources granted to them");
    }
    return asked;
  }

  private static @Nullable Tlp tlp(@Nullable String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    String name = value.strip().toUpperCase(Locale.ROOT).replace("TLP:", "").replace('+', '_');
    try {
      return Tlp.valueOf(name.equals("WHITE") ? "CLEAR" : name);
    } catch (IllegalArgumentException e) {
      throw ApiError.badRequest(
          "tlp '" + value + "' is none of clear, green, amber, amber+strict, red");
    }
  }

  private static List<String> recipients(@Nullable String value) {
    if (value == null || value.isBlank()) {
      return List.of();
    }
    return Arrays.stream(value.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
  }

  private static ApiError toApiError(IngestRejectedException e) {
    int status =
        e.problem() == RequestProblem.TOO_LARGE
            ? 413
            : e.problem() == RequestProblem.UNSUPPORTED ? 415 : 400;
    Map<String, String> headers =
        e.submissionId() == null ? Map.of() : Map.of("X-Isachub-Submission", e.submissionId());
    return new ApiError(status, ApiError.codeOf(status), e.code() + ": " + e.reason(), headers);
  }

  private static ObjectNode render(ServerContext context, IngestReport report) {
    ObjectNode body = context.json().createObjectNode();
    body.put("submission_id", report.submissionId());
    body.put("accepted", report.accepted());
    body.put("duplicates", report.duplicates());
    body.put("rejected", report.rejected());
    body.put("context", report.context());
    body.put("skipped", report.skipped());
    ArrayNode objects = body.putArray("objects");
    for (ObjectOutcome o : report.objects()) {
      ObjectNode n = objects.addObject();
      n.put("ref", o.ref());
      n.put("status", o.status().name().toLowerCase(Locale.ROOT));
      if (o.objectId() != null) {
        n.put("id", o.objectId());
      }
      if (o.key() != null) {
        n.put("key", o.key());
      }
      if (o.code() != null) {
        n.put("code", o.code());
        n.put("reason", o.reason());
      }
    }
    return body;
  }
}
