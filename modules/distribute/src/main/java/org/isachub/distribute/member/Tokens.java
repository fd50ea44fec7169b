package org.isachub.distribute.member;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.regex.Pattern;
import org.isachub.wire.avro.TokenHash;
import org.jspecify.annotations.Nullable;

/**
 * API tokens: issuing them, hashing them for storage, and checking a presented token against a
 * stored hash.
 *
 * <p>A token is {@value #PREFIX} followed by 256 random bits in URL-safe Base64 without padding (43
 * characters), so it can be recognised in a leaked file or log and fits in a header, a URL or a
 * Basic credential unchanged. Because it carries 256 random bits, a single SHA-256 is as strong a
 * storage hash as a slow one: there is nothing to guess offline.
 *
 * <p>Thread-safe.
 */
public final class Tokens {

  /** The prefix every token starts with. */
  public static final String PREFIX = "isac_";

  /** The hash algorithm, as stored in {@link TokenHash#getAlgorithm()}. */
  public static final String ALGORITHM = "sha256";

  /** Random bytes in a token: 256 bits. */
  public static final int RANDOM_BYTES = 32;

  private static final Pattern FORMAT = Pattern.compile("isac_[A-Za-z0-9_-]{43}");
  private static final Base64.Encoder URL_SAFE = Base64.getUrlEncoder().withoutPadding();
  private static final HexFormat HEX = HexFormat.of();
  private static final SecureRandom RANDOM = new SecureRandom();

  /** What checking a token against one stored hash found. */
  public enum Check {
    /** The token matches a live hash. */
    VALID,
    /** The token does not match. */
    NO_MATCH,
    /** The token matches, but the hash was revoked. */
    REVOKED,
    /** The token matches, but it has expired. */
    EXPIRED
  }

  /**
   * A newly issued token with the hash to store. The token itself must be shown once and never
   * stored or logged; {@link #toString()} leaves it out.
   *
   * @param token the secret token
   * @param hash what the members topic keeps of it
   */
  public record Issued(String token, TokenHash hash) {
    @Override
    public String toString() {
      return "Issued[tokenId=" + hash.getTokenId() + ", token=(hidden)]";
    }
  }

  private Tokens() {}

  /**
   * Issues a new random token.
   *
   * @param now when it is issued
   * @param expiresAt when it stops working, or null for never
   * @return the token and its hash
   */
  public static Issued issue(Instant now, @Nullable Instant expiresAt) {
    byte[] random = new byte[RANDOM_BYTES];
    RANDOM.nextBytes(random);
    String token = PREFIX + URL_SAFE.encodeToString(random);
    byte[] id = new byte[6];
    RANDOM.nextBytes(id);
    TokenHash hash =
        TokenHash.newBuilder()
            .setTokenId("tk-" + HEX.formatHex(id))
            .setAlgorithm(ALGORITHM)
            .setHash(hash(token))
            .setCreatedAt(now)
            .setExpiresAt(expiresAt)
            .setRevokedAt(null)
            .build();
    return new Issued(token, hash);
  }

  /**
   * Tells whether a string has the shape of a token, without saying whether it is valid.
   *
   * @param candidate any string
   * @return true for {@value #PREFIX} and 43 URL-safe Base64 characters
   */
  public static boolean looksLikeToken(String candidate) {
    return FORMAT.matcher(candidate).matches();
  }

  /**
   * The stored form of a token.
   *
   * @param token the token
   * @return the lower-case hex SHA-256 of its UTF-8 bytes
   */
  public static String hash(String token) {
    return HEX.formatHex(digest(token));
  }

  /**
   * Checks a presented token against one stored hash, comparing digests in constant time.
   *
   * @param token the presented token
   * @param stored the stored hash
   * @param now the time of the check
   * @return {@link Check#VALID} only if it matches and is neither revoked nor expired at {@code
   *     now}
   */
  public static Check check(String token, TokenHash stored, Instant now) {
    return check(digest(token), stored, now);
  }

  /**
   * Checks an already computed token digest against one stored hash, in constant time.
   *
   * @param digest the SHA-256 of the presented token
   * @param stored the stored hash
   * @param now the time of the check
   * @return the outcome
   */
  static Check check(byte[] digest, TokenHash stored, Instant now) {
    byte[] expected;
    try {
      expected = HEX.parseHex(stored.getHash());
    } catch (IllegalArgumentException e) {
      return Check.NO_MATCH;
    }
    boolean same = MessageDigest.isEqual(digest, expected);
    if (!same || !ALGORITHM.equals(stored.getAlgorithm())) {
      return Check.NO_MATCH;
    }
    Instant revokedAt = stored.getRevokedAt();
    if (revokedAt != null && !now.isBefore(revokedAt)) {
      return Check.REVOKED;
    }
    Instant expiresAt = stored.getExpiresAt();
    if (expiresAt != null && !now.isBefore(expiresAt)) {
      return Check.EXPIRED;
    }
    return Check.VALID;
  }

  static byte[] digest(String token) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform provides SHA-256", e);
    }
  }
}
