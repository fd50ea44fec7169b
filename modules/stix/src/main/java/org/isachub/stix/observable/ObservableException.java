package org.isachub.stix.observable;

/**
 * A value could not be turned into a canonical observable key.
 *
 * <p>{@link #code()} is a stable machine-readable code (see the constants); {@link #reason()} and
 * {@link #getMessage()} are the same human-readable sentence. Bad input never raises any other
 * exception type.
 */
public final class ObservableException extends Exception {
  private static final long serialVersionUID = 1L;

  /** The value is empty or blank. */
  public static final String EMPTY = "empty";

  /** The value is longer than the limit for its type. */
  public static final String TOO_LONG = "too-long";

  /** The observable type is not one the hub keys. */
  public static final String UNKNOWN_TYPE = "unknown-type";

  /** Not an IP address or CIDR block. */
  public static final String BAD_IP = "bad-ip";

  /** An IPv6 address where IPv4 was declared, or the other way round. */
  public static final String WRONG_IP_VERSION = "wrong-ip-version";

  /** Not a valid domain name. */
  public static final String BAD_DOMAIN = "bad-domain";

  /** Not a valid URL. */
  public static final String BAD_URL = "bad-url";

  /** Not a valid hash value, or an algorithm the hub does not key. */
  public static final String BAD_HASH = "bad-hash";

  /** Not a valid e-mail address. */
  public static final String BAD_EMAIL = "bad-email";

  /** Not a valid autonomous-system number. */
  public static final String BAD_ASN = "bad-asn";

  /** Not a valid MAC-48 address. */
  public static final String BAD_MAC = "bad-mac";

  /** Not a valid Windows registry key. */
  public static final String BAD_REGISTRY_KEY = "bad-registry-key";

  /** {@link Canonicalizer#detect(String)} could not tell what the value is. */
  public static final String UNDETECTABLE = "undetectable";

  /** A key string is malformed or not in canonical form. */
  public static final String BAD_KEY = "bad-key";

  /** A pattern compares an identifying property with a constant of the wrong kind. */
  public static final String BAD_PATTERN = "bad-pattern";

  private final String code;

  /**
   * Creates an exception.
   *
   * @param code stable machine code, one of the constants of this class
   * @param reason human-readable sentence saying what is wrong
   */
  public ObservableException(String code, String reason) {
    super(reason);
    this.code = code;
  }

  /** Returns the stable machine code, such as {@code "bad-url"}. */
  public String code() {
    return code;
  }

  /** Returns the human-readable reason. */
  public String reason() {
    return String.valueOf(getMessage());
  }
}
