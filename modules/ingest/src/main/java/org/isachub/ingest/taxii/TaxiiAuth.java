package org.isachub.ingest.taxii;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;

/**
 * How a poller authenticates to an upstream TAXII server. The secret never appears in {@link
 * #toString()} or logs.
 *
 * @param kind none, HTTP Basic or a bearer token
 * @param username the Basic user name; empty otherwise
 * @param secret the Basic password or the bearer token; empty for none
 */
public record TaxiiAuth(Kind kind, String username, String secret) {

  /** The authentication schemes. */
  public enum Kind {
    /** No Authorization header. */
    NONE,
    /** {@code Authorization: Basic base64(user:password)}. */
    BASIC,
    /** {@code Authorization: Bearer <token>}. */
    BEARER
  }

  /** Checks that the scheme has what it needs. */
  public TaxiiAuth {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(username, "username");
    Objects.requireNonNull(secret, "secret");
    if (kind == Kind.BASIC && (username.isEmpty() || username.contains(":"))) {
      throw new IllegalArgumentException("Basic auth needs a user name without ':'");
    }
    if (kind == Kind.BEARER && secret.isEmpty()) {
      throw new IllegalArgumentException("bearer auth needs a token");
    }
  }

  /** No authentication. */
  public static TaxiiAuth none() {
    return new TaxiiAuth(Kind.NONE, "", "");
  }

  /** HTTP Basic. */
  public static TaxiiAuth basic(String username, String password) {
    return new TaxiiAuth(Kind.BASIC, username, password);
  }

  /** A bearer token. */
  public static TaxiiAuth bearer(String token) {
    return new TaxiiAuth(Kind.BEARER, "", token);
  }

  /** Returns the Authorization header value, if any. */
  public Optional<String> header() {
    return switch (kind) {
      case NONE -> Optional.empty();
      case BASIC ->
          Optional.of(
              "Basic "
                  + Base64.getEncoder()
                      .encodeToString((username + ":" + secret).getBytes(StandardCharsets.UTF_8)));
      case BEARER -> Optional.of("Bearer " + secret);
    };
  }

  @Override
  public String toString() {
    return "TaxiiAuth[" + kind + (kind == Kind.BASIC ? " user=" + username : "") + "]";
  }
}
