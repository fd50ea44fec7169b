package org.isachub.distribute.webhook;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The webhook headers and signature: {@code X-Isachub-Signature: sha256=<hex>} where the hex is the
 * HMAC-SHA256, keyed with the UTF-8 bytes of the member's secret, of the ASCII timestamp (epoch
 * seconds, as sent in {@code X-Isachub-Timestamp}), a full stop, and the exact body bytes.
 *
 * <p>Thread-safe; all methods are static.
 */
public final class WebhookSignature {

  /** Header with the stable id of the delivery: the same batch carries the same id on every try. */
  public static final String DELIVERY_HEADER = "X-Isachub-Delivery";

  /** Header with the time of the attempt, in seconds since the epoch; part of what is signed. */
  public static final String TIMESTAMP_HEADER = "X-Isachub-Timestamp";

  /** Header with the signature, {@code sha256=<lower-case hex>}. */
  public static final String SIGNATURE_HEADER = "X-Isachub-Signature";

  /** Content type of the body: a STIX 2.1 bundle. */
  public static final String CONTENT_TYPE = "application/stix+json;version=2.1";

  /** Prefix of the signature header's value, naming the algorithm. */
  public static final String SCHEME_PREFIX = "sha256=";

  private static final String HMAC = "HmacSHA256";

  private WebhookSignature() {}

  /**
   * Signs a body.
   *
   * @param secret the member's webhook secret
   * @param epochSeconds the timestamp sent with it
   * @param body the exact body bytes
   * @return the header value, {@code sha256=<64 lower-case hex digits>}
   * @throws IllegalArgumentException if the secret is empty
   */
  public static String sign(String secret, long epochSeconds, byte[] body) {
    return SCHEME_PREFIX + HexFormat.of().formatHex(mac(secret, epochSeconds, body));
  }

  /**
   * The raw HMAC of a timestamp and body.
   *
   * @param secret the member's webhook secret
   * @param epochSeconds the timestamp
   * @param body the body bytes
   * @return the 32-byte MAC
   */
  static byte[] mac(String secret, long epochSeconds, byte[] body) {
    if (secret.isEmpty()) {
      throw new IllegalArgumentException("webhook secret must not be empty");
    }
    try {
      Mac mac = Mac.getInstance(HMAC);
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), HMAC));
      mac.update((epochSeconds + ".").getBytes(StandardCharsets.US_ASCII));
      return mac.doFinal(body);
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      // Every Java platform provides HmacSHA256, and any non-empty key is valid for it.
      throw new IllegalStateException("HmacSHA256 unavailable", e);
    }
  }
}
