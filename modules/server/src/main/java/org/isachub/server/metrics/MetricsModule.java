package org.isachub.server.metrics;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Map;
import org.isachub.server.Access;
import org.isachub.server.ApiError;
import org.isachub.server.ServerContext;
import org.isachub.server.ServerModule;
import org.jspecify.annotations.Nullable;

/**
 * Serves {@code GET /metrics}: every meter of the process in the Prometheus text exposition format.
 * The route needs no member credentials but a separate scrape token, {@code
 * isachub.server.metrics.token}, sent as {@code Authorization: Bearer <token>}; without a
 * configured token the route answers 404, so metrics are never exposed by accident.
 *
 * <p>Thread-safe.
 */
public final class MetricsModule implements ServerModule {

  /** Content type of the text exposition format, version 0.0.4. */
  public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

  private static final String BEARER = "Bearer ";

  private final PrometheusMeterRegistry registry;

  /**
   * Creates the module.
   *
   * @param registry the registry to expose, usually one also added to the global registry
   */
  public MetricsModule(PrometheusMeterRegistry registry) {
    this.registry = registry;
  }

  @Override
  public void register(RoutesConfig routes, ServerContext context) {
    @Nullable String token = context.config().metricsToken();
    // Public to the member authenticator: the scrape token is checked here instead, so a scraper
    // never holds a member's credentials.
    routes.get("/metrics", ctx -> scrape(ctx, token), Access.PUBLIC);
  }

  private void scrape(Context ctx, @Nullable String token) {
    if (token == null) {
      throw new ApiError(404, "metrics are off: set isachub.server.metrics.token to serve them");
    }
    String header = ctx.header("Authorization");
    if (header == null || !header.startsWith(BEARER)) {
      throw new ApiError(
          401,
          "unauthorized",
          "GET /metrics needs the scrape token as a bearer token",
          Map.of("WWW-Authenticate", "Bearer realm=\"metrics\""));
    }
    byte[] given = header.substring(BEARER.length()).strip().getBytes(StandardCharsets.UTF_8);
    // Constant-time comparison: the answer time says nothing about how much of the token matched.
    if (!MessageDigest.isEqual(given, token.getBytes(StandardCharsets.UTF_8))) {
      throw new ApiError(
          401,
          "unauthorized",
          "the scrape token is not valid",
          Map.of("WWW-Authenticate", "Bearer realm=\"metrics\", error=\"invalid_token\""));
    }
    ctx.header("Cache-Control", "no-store");
    ctx.contentType(CONTENT_TYPE);
    ctx.result(registry.scrape());
  }
}
