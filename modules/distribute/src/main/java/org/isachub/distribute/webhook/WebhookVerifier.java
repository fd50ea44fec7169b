package org.isachub.distribute.webhook;

import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import org.jspecify.annotations.Nullable;

/**
 * Checks a webhook request on the receiving side: the signature must be the HMAC-SHA256 of {@code
 * "<timestamp>.<body>"} with the shared secret, and the timestamp must be within a tolerance of the
 * receiver's clock, so a captured request cannot be replayed later. Receivers should also drop
 * requests whose {@code X-Isachub-Delivery} id they have already processed, since delivery is at
 * least once.
 *
 * <pre>{@code
 * WebhookVerifier verifier = WebhookVerifier.of(secret);
 * verifier.verify(
 *     request.header("X-Isachub-Timestamp"), request.header("X-Isachub-Signature"), bodyBytes);
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class WebhookVerifier {

  /** The default tolerance between the sender's timestamp and the receiver's clock. */
  public static final Duration DEFAULT_TOLERANCE = Duration.ofMinutes(5);

  private final String secret;
  private final Duration tolerance;
  private final Clock clock;

  /**
   * Creates a verifier.
   *
   * @param secret the webhook secret shared with the hub
   * @param tolerance largest accepted difference between the timestamp and the clock, either way
   * @param clock the receiver's clock
   * @throws IllegalArgumentException if the secret is empty or the tolerance negative
   */
  public WebhookVerifier(String secret, Duration tolerance, Clock clock) {
    if (secret.isEmpty()) {
      throw new IllegalArgumentException("webhook secret must not be empty");
    }
    if (tolerance.isNegative()) {
      throw new IllegalArgumentException("tolerance must not be negative, was " + tolerance);
    }
    this.secret = secret;
    this.tolerance = tolerance;
    this.clock = clock;
  }

  /**
   * A verifier with the default tolerance and the system clock.
   *
   * @param secret the webhook secret shared with the hub
   * @return the verifier
   */
  public static WebhookVerifier of(String secret) {
    return new WebhookVerifier(secret, DEFAULT_TOLERANCE, Clock.systemUTC());
  }

  /**
   * Checks one request.
   *
   * @param timestampHeader the value of {@code X-Isachub-Timestamp}, or null if absent
   * @param signatureHeader the value of {@code X-Isachub-Signature}, or null if absent
   * @param body the exact body bytes received
   * @throws WebhookVerificationException naming what is missing, malformed, stale or wrong
   */
  public void verify(
      @Nullable String timestampHeader, @Nullable String signatureHeader, byte[] body)
      throws WebhookVerificationException {
    if (timestampHeader == null || timestampHeader.isBlank()) {
      throw new WebhookVerificationException(
          "missing " + WebhookSignature.TIMESTAMP_HEADER + " header");
    }
    if (signatureHeader == null || signatureHeader.isBlank()) {
      throw new WebhookVerificationException(
          "missing " + WebhookSignature.SIGNATURE_HEADER + " header");
    }
    long timestamp;
    try {
      timestamp = Long.parseLong(timestampHeader.trim());
    } catch (NumberFormatException e) {
      throw new WebhookVerificationException(
          WebhookSignature.TIMESTAMP_HEADER
              + " is not a number of seconds since the epoch: '"
              + abbreviate(timestampHeader)
              + "'");
    }
    String value = signatureHeader.trim();
    if (!value.startsWith(WebhookSignature.SCHEME_PREFIX)) {
      throw new WebhookVerificationException(
          WebhookSignature.SIGNATURE_HEADER + " must start with 'sha256='");
    }
    byte[] given;
    try {
      given = HexFormat.of().parseHex(value.substring(WebhookSignature.SCHEME_PREFIX.length()));
    } catch (IllegalArgumentException e) {
      throw new WebhookVerificationException(
          WebhookSignature.SIGNATURE_HEADER + " is not hexadecimal after 'sha256='");
    }
    byte[] expected = WebhookSignature.mac(secret, timestamp, body);
    // Constant-time comparison: the time taken must not tell how much of a forgery was right.
    if (!MessageDigest.isEqual(expected, given)) {
      throw new WebhookVerificationException("signature does not match the body and timestamp");
    }
    // Checked after the signature, so an unsigned request learns nothing about the clock.
    long now = clock.instant().getEpochSecond();
    long skew = now - timestamp;
    if (Math.abs(skew) > tolerance.toSeconds()) {
      throw new WebhookVerificationException(
          "timestamp "
              + timestamp
              + " is "
              + Math.abs(skew)
              + " s "
              + (skew > 0 ? "old" : "in the future")
              + "; the tolerance is "
              + tolerance.toSeconds()
              + " s");
    }
  }

  /**
   * Tells whether a request checks out.
   *
   * @param timestampHeader the value of {@code X-Isachub-Timestamp}, or null
   * @param signatureHeader the value of {@code X-Isachub-Signature}, or null
   * @param body the exact body bytes received
   * @return true if {@link #verify} would accept it
   */
  public boolean isValid(
      @Nullable String timestampHeader, @Nullable String signatureHeader, byte[] body) {
    try {
      verify(timestampHeader, signatureHeader, body);
      return true;
    } catch (WebhookVerificationException e) {
      return false;
    }
  }

  private static String abbreviate(String text) {
    return text.length() <= 40 ? text : text.substring(0, 40) + "…";
  }
}
