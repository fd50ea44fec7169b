package org.isachub.server.auth;

import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.isachub.distribute.member.AuditLog;
import org.isachub.distribute.member.AuthResult;
import org.isachub.distribute.member.MemberDirectory;
import org.isachub.distribute.member.Principal;
import org.isachub.server.ApiError;
import org.isachub.server.ServerMetrics;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Authenticates a request from its {@code Authorization} header: {@code Bearer <token>}, or {@code
 * Basic base64(member-id:token)}. Refused credentials are audited ({@code AUTH_FAILURE}, never with
 * the credential) and counted against the remote address; an address over its limit gets 429 before
 * its credentials are looked at.
 *
 * <p>Thread-safe.
 */
public final class Authenticator {

  private static final Logger LOG = LoggerFactory.getLogger(Authenticator.class);

  /** The challenge sent with every 401. */
  public static final String CHALLENGE = "Bearer realm=\"isachub\", Basic realm=\"isachub\"";

  private static final int MAX_HEADER = 1024;

  private final MemberDirectory directory;
  private final FailureLimiter limiter;
  private final AuditLog audit;
  private final ServerMetrics metrics;
  private final Clock clock;

  /**
   * Creates the authenticator.
   *
   * @param directory the member directory
   * @param limiter the failed-attempt limiter
   * @param audit where refusals are recorded
   * @param metrics where outcomes are counted
   * @param clock the time source for token expiry
   */
  public Authenticator(
      MemberDirectory directory,
      FailureLimiter limiter,
      AuditLog audit,
      ServerMetrics metrics,
      Clock clock) {
    this.directory = directory;
    this.limiter = limiter;
    this.audit = audit;
    this.metrics = metrics;
    this.clock = clock;
  }

  /**
   * Authenticates the caller of a request.
   *
   * @param ctx the request
   * @return the caller
   * @throws ApiError 401 without or with refused credentials, 429 when the address is over its
   *     limit, 503 while the member directory is not ready
   */
  public Principal authenticate(Context ctx) {
    String remote = ctx.ip();
    FailureLimiter.Verdict verdict = limiter.check(remote);
    if (verdict.refused()) {
      metrics.auth("rate-limited");
      if (verdict.firstRefusal()) {
        record(ctx, remote, "rate-limited", "too-many-failures", null);
      }
      throw new ApiError(
          429,
          "too_many_requests",
          "too many failed authentication attempts; retry after "
              + verdict.retryAfterSeconds()
              + " s",
          Map.of("Retry-After", Long.toString(verdict.retryAfterSeconds())));
    }
    String header = ctx.header("Authorization");
    if (header == null || header.isBlank()) {
      metrics.auth("missing");
      throw unauthorized("authentication required: send Authorization: Bearer <token>");
    }
    Instant now = clock.instant();
    AuthResult result = check(header.strip(), now);
    if (result.ok()) {
      metrics.auth("ok");
      return result.principal();
    }
    if (result.failure() == AuthResult.Failure.NOT_READY) {
      metrics.auth("unavailable");
      throw new ApiError(
          503,
          "unavailable",
          "the hub is starting and cannot check credentials yet; retry shortly",
          Map.of("Retry-After", "1"));
    }
    limiter.recordFailure(remote);
    metrics.auth("denied");
    record(ctx, remote, "denied", result.failure().wireName(), result.claimedMember());
    throw unauthorized("invalid credentials");
  }

  private AuthResult check(String header, Instant now) {
    if (header.length() > MAX_HEADER) {
      return AuthResult.failure(AuthResult.Failure.MALFORMED, null);
    }
    int space = header.indexOf(' ');
    String scheme = space < 0 ? header : header.substring(0, space);
    String value = space < 0 ? "" : header.substring(space + 1).strip();
    switch (scheme.toLowerCase(Locale.ROOT)) {
      case "bearer":
        return directory.authenticate(value, now);
      case "basic":
        String decoded;
        try {
          decoded = new String(Base64.getDecoder().decode(value), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
          return AuthResult.failure(AuthResult.Failure.MALFORMED, null);
        }
        int colon = decoded.indexOf(':');
        if (colon < 0) {
          return AuthResult.failure(AuthResult.Failure.MALFORMED, null);
        }
        return directory.authenticate(
            decoded.substring(0, colon), decoded.substring(colon + 1), now);
      default:
        return AuthResult.failure(AuthResult.Failure.MALFORMED, null);
    }
  }

  private void record(
      Context ctx, String remote, String outcome, String reason, @Nullable String claimed) {
    Map<String, String> detail = new LinkedHashMap<>();
    detail.put("reason", reason);
    detail.put("remote", remote);
    detail.put("method", ctx.method().name());
    String path = ctx.path();
    detail.put("path", path.length() > 200 ? path.substring(0, 200) : path);
    audit.record(AuditLog.authFailure(claimed, channel(path), outcome, detail, clock.instant()));
    LOG.info(
        "event=auth-refused outcome={} reason={} remote={} member={}",
        outcome,
        reason,
        remote,
        claimed == null ? "-" : claimed);
  }

  private static String channel(String path) {
    if (path.startsWith("/taxii2")) {
      return "taxii";
    }
    return path.startsWith("/api/") ? "api" : "portal";
  }

  private static ApiError unauthorized(String message) {
    return new ApiError(401, "unauthorized", message, Map.of("WWW-Authenticate", CHALLENGE));
  }
}
