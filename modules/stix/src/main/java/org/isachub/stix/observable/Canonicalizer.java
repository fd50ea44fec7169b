package org.isachub.stix.observable;

import com.google.common.hash.Hashing;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.isachub.stix.pattern.Comparison;
import org.isachub.stix.pattern.ComparisonOperator;
import org.isachub.stix.pattern.Constant;
import org.isachub.stix.pattern.HashAlgorithm;
import org.isachub.stix.pattern.IntConstant;
import org.isachub.stix.pattern.ObservableTypes;
import org.isachub.stix.pattern.Observation;
import org.isachub.stix.pattern.PathStep;
import org.isachub.stix.pattern.Pattern;
import org.isachub.stix.pattern.Patterns;
import org.isachub.stix.pattern.PropertyStep;
import org.isachub.stix.pattern.StringConstant;

/**
 * Turns raw values and patterns into {@link ObservableKey}s.
 *
 * <p>URLs are normalised as RFC 3986 section 6.2.2 describes, plus scheme-based steps: scheme and
 * host lower case, host as IDNA A-labels without a trailing dot, default port dropped (http 80,
 * https 443, ftp 21), unreserved characters percent-decoded and other escapes in upper-case hex,
 * dot segments removed, empty path written {@code /}, empty query and fragment dropped; a value
 * without {@code scheme://} is read as {@code http://}. Paths and queries keep their case.
 *
 * <p>Defanged spellings are undone first for addresses, domains, URLs and e-mail addresses: {@code
 * hxxp}, {@code hxxps}, {@code fxp}, {@code [.]}, {@code (.)}, {@code {.}}, {@code [dot]}, {@code
 * [:]}, {@code [://]}, {@code [/]}, {@code [@]}, {@code [at]} and the like.
 *
 * <p>Thread-safe and cheap to share; every method either returns a key or throws {@link
 * ObservableException}.
 */
public final class Canonicalizer {

  private final ObservableLimits limits;

  /** Creates a canonicalizer with {@link ObservableLimits#DEFAULT}. */
  public Canonicalizer() {
    this(ObservableLimits.DEFAULT);
  }

  /**
   * Creates a canonicalizer with the given limits.
   *
   * @param limits the length limits for raw values
   */
  public Canonicalizer(ObservableLimits limits) {
    this.limits = limits;
  }

  /**
   * Canonicalises a value whose type is known, as in a typed CSV column.
   *
   * @param type a key type ({@code ipv4-addr}, {@code ipv6-addr}, {@code domain-name}, {@code url},
   *     {@code file}, {@code email-addr}, {@code autonomous-system}, {@code mac-addr}, {@code
   *     windows-registry-key}) or a hash algorithm name such as {@code md5} or {@code SHA-256};
   *     {@code file} takes {@code algorithm:value} or a bare MD5, SHA-1, SHA-256, SHA-512, SSDEEP
   *     or TLSH value
   * @param rawValue the value as found
   * @return the key
   * @throws ObservableException when the type is unknown or the value is not valid for it
   */
  public ObservableKey canonical(String type, String rawValue) throws ObservableException {
    String keyType = ObservableTypes.canonicalName(type).orElse(type);
    Optional<HashAlgorithm> algorithm =
        ObservableKey.TYPES.contains(keyType) ? Optional.empty() : HashAlgorithm.fromName(type);
    if (algorithm.isPresent()) {
      String v = prepare(rawValue, limits.maxValueLength(), false);
      return new ObservableKey("file", FileHashes.canonical(algorithm.get(), v));
    }
    switch (keyType) {
      case "ipv4-addr", "ipv6-addr" -> {
        String v = prepare(rawValue, limits.maxValueLength(), true);
        Addresses.Canonical ip = Addresses.canonical(v, true);
        if (ip.ipv4() != keyType.equals("ipv4-addr")) {
          throw new ObservableException(
              ObservableException.WRONG_IP_VERSION,
              "'"
                  + Addresses.shorten(v)
                  + "' is not an "
                  + (ip.ipv4() ? "IPv6" : "IPv4")
                  + " address");
        }
        return new ObservableKey(keyType, ip.text());
      }
      case "domain-name" -> {
        return new ObservableKey(
            keyType, DomainNames.canonical(prepare(rawValue, limits.maxValueLength(), true)));
      }
      case "url" -> {
        return new ObservableKey(
            keyType,
            Urls.canonical(prepare(rawValue, limits.maxUrlLength(), true), limits.maxUrlLength()));
      }
      case "email-addr" -> {
        return new ObservableKey(
            keyType, EmailAddresses.canonical(prepare(rawValue, limits.maxValueLength(), true)));
      }
      case "file" -> {
        return new ObservableKey(
            keyType, FileHashes.canonical(prepare(rawValue, limits.maxValueLength(), false)));
      }
      case "autonomous-system" -> {
        return new ObservableKey(
            keyType,
            AutonomousSystems.canonical(prepare(rawValue, limits.maxValueLength(), false)));
      }
      case "mac-addr" -> {
        return new ObservableKey(
            keyType, MacAddresses.canonical(prepare(rawValue, limits.maxValueLength(), false)));
      }
      case "windows-registry-key" -> {
        return new ObservableKey(
            keyType, RegistryKeys.canonical(prepare(rawValue, limits.maxValueLength(), false)));
      }
      default ->
          throw new ObservableException(
              ObservableException.UNKNOWN_TYPE,
              "'" + Addresses.shorten(type) + "' is not an observable type the hub keys");
    }
  }

  /**
   * Detects the type of a value from a text list and canonicalises it, refanging first.
   *
   * <p>Tried in order: {@code AS…} numbers, {@code scheme://} URLs, registry keys, hex or fuzzy
   * hashes, MAC addresses with separators, IP addresses and CIDR blocks, e-mail addresses,
   * scheme-less URLs (a host followed by {@code /}, {@code ?} or {@code :port}), and domain names
   * with at least one dot.
   *
   * @param rawValue one value, such as a line of a blocklist
   * @return the key
   * @throws ObservableException with code {@code undetectable} when the value fits no type, or the
   *     specific code when it looks like a type but is not valid for it
   */
  public ObservableKey detect(String rawValue) throws ObservableException {
    String v = prepare(rawValue, limits.maxUrlLength(), true);
    if (AutonomousSystems.hasPrefix(v)) {
      return canonical("autonomous-system", v);
    }
    if (v.contains("://")) {
      return canonical("url", v);
    }
    if (RegistryKeys.looksLikeKey(v)) {
      return canonical("windows-registry-key", v);
    }
    if (FileHashes.guess(v).isPresent()) {
      return canonical("file", v);
    }
    if (MacAddresses.looksLikeMac(v)) {
      return canonical("mac-addr", v);
    }
    try {
      Addresses.Canonical ip = Addresses.canonical(v, true);
      return new ObservableKey(ip.ipv4() ? "ipv4-addr" : "ipv6-addr", ip.text());
    } catch (ObservableException notAnAddress) {
      // Not an address; try the remaining types.
    }
    if (v.indexOf('@') >= 0) {
      return canonical("email-addr", v);
    }
    if (v.indexOf('/') >= 0 || v.indexOf('?') >= 0 || v.indexOf(':') >= 0) {
      return canonical("url", v);
    }
    if (v.indexOf('.') > 0) {
      try {
        return canonical("domain-name", v);
      } catch (ObservableException e) {
        throw new ObservableException(
            ObservableException.UNDETECTABLE,
            "'"
                + Addresses.shorten(v)
                + "' is no known observable; as a domain name: "
                + e.reason());
      }
    }
    throw new ObservableException(
        ObservableException.UNDETECTABLE,
        "'"
            + Addresses.shorten(v)
            + "' is not an IP address, domain, URL, hash, e-mail address, AS number, MAC address"
            + " or registry key");
  }

  /**
   * Returns the key of a pattern: the observable's key when the pattern is exactly one {@code =}
   * comparison on an identifying property, otherwise {@link #patternKey(Pattern)}.
   *
   * <p>Identifying properties: {@code value} of {@code ipv4-addr}, {@code ipv6-addr}, {@code
   * domain-name}, {@code url}, {@code email-addr} and {@code mac-addr}; {@code number} of {@code
   * autonomous-system}; {@code key} of {@code windows-registry-key}; {@code hashes.<algorithm>} of
   * {@code file} for the algorithms of {@link HashAlgorithm}.
   *
   * @param pattern a parsed pattern
   * @return the key
   * @throws ObservableException when the identifying value is not valid for its type
   */
  public ObservableKey fromPattern(Pattern pattern) throws ObservableException {
    if (pattern.expression() instanceof Observation o
        && o.comparison() instanceof Comparison c
        && !c.negated()
        && c.operator() == ComparisonOperator.EQUAL) {
      String type = ObservableTypes.canonicalName(c.path().objectType()).orElse("");
      List<PathStep> steps = c.path().steps();
      String first = ((PropertyStep) steps.get(0)).name();
      Constant value = c.value();
      if (type.equals("file")
          && steps.size() == 2
          && first.equals("hashes")
          && steps.get(1) instanceof PropertyStep alg) {
        Optional<HashAlgorithm> a = HashAlgorithm.fromName(alg.name());
        if (a.isPresent()) {
          return new ObservableKey("file", FileHashes.canonical(a.get(), string(value, type)));
        }
      } else if (steps.size() == 1) {
        switch (type) {
          case "ipv4-addr", "ipv6-addr", "domain-name", "url", "email-addr", "mac-addr" -> {
            if (first.equals("value")) {
              return canonical(type, string(value, type));
            }
          }
          case "windows-registry-key" -> {
            if (first.equals("key")) {
              return canonical(type, string(value, type));
            }
          }
          case "autonomous-system" -> {
            if (first.equals("number")) {
              if (!(value instanceof IntConstant n)) {
                throw new ObservableException(
                    ObservableException.BAD_PATTERN, "autonomous-system:number takes an integer");
              }
              return new ObservableKey(type, AutonomousSystems.fromNumber(n.value()));
            }
          }
          default -> {
            // Not an identifying property: fall through to the pattern hash.
          }
        }
      }
    }
    return patternKey(pattern);
  }

  /**
   * Returns the {@code pattern:} key of any pattern: the SHA-256 of its normal form.
   *
   * @param pattern a parsed pattern
   * @return a key of type {@link ObservableKey#PATTERN}
   */
  public ObservableKey patternKey(Pattern pattern) {
    String normal = Patterns.normalise(pattern);
    return new ObservableKey(
        ObservableKey.PATTERN,
        Hashing.sha256().hashString(normal, StandardCharsets.UTF_8).toString());
  }

  private static String string(Constant value, String type) throws ObservableException {
    if (value instanceof StringConstant s) {
      return s.value();
    }
    throw new ObservableException(
        ObservableException.BAD_PATTERN, "the identifying property of " + type + " takes a string");
  }

  /** Checks length and emptiness, strips, and refangs where defanging is customary. */
  private static String prepare(String raw, int maxLength, boolean refang)
      throws ObservableException {
    if (raw.length() > maxLength) {
      throw new ObservableException(
          ObservableException.TOO_LONG, "value is longer than " + maxLength + " characters");
    }
    String v = refang ? Refang.refang(raw) : raw.strip();
    if (v.isEmpty()) {
      throw new ObservableException(ObservableException.EMPTY, "value is empty");
    }
    return v;
  }
}
