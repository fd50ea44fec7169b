package org.isachub.stix.observable;

import java.util.Optional;
import java.util.Set;
import org.isachub.stix.pattern.HashAlgorithm;

/**
 * The canonical key of an observable, the identity the hub deduplicates and partitions on.
 *
 * <p>The string form is {@code type:value}:
 *
 * <ul>
 *   <li>{@code ipv4-addr:198.51.100.7}, {@code ipv4-addr:10.0.0.0/8} (host without {@code /32},
 *       networks from their base address)
 *   <li>{@code ipv6-addr:2001:db8::1}, {@code ipv6-addr:2001:db8::/32} (RFC 5952 text)
 *   <li>{@code domain-name:example.org} (lower-case A-labels, no trailing dot)
 *   <li>{@code url:http://example.org/a} (see {@link Canonicalizer} for the normal form)
 *   <li>{@code file:sha256:<hex>}, one key per algorithm: {@code md5}, {@code sha1}, {@code
 *       sha256}, {@code sha512}, {@code sha3-256}, {@code sha3-512}, {@code ssdeep}, {@code tlsh}
 *   <li>{@code email-addr:user@example.org} (all lower case)
 *   <li>{@code autonomous-system:AS64500} (upper-case {@code AS} and the decimal number)
 *   <li>{@code mac-addr:00:1a:2b:3c:4d:5e} (colon-separated, lower case)
 *   <li>{@code windows-registry-key:HKEY_LOCAL_MACHINE\software\run} (hive spelled out in upper
 *       case, the rest lower case)
 *   <li>{@code pattern:<sha256 hex>} for patterns that are not one observable comparison, hashed
 *       from their normal form
 * </ul>
 *
 * @param type the observable type, one of {@link #TYPES}
 * @param value the canonical value
 */
public record ObservableKey(String type, String value) {

  /** The type of keys that hash a whole pattern. */
  public static final String PATTERN = "pattern";

  /** Every type a key can have. */
  public static final Set<String> TYPES =
      Set.of(
          "ipv4-addr",
          "ipv6-addr",
          "domain-name",
          "url",
          "file",
          "email-addr",
          "autonomous-system",
          "mac-addr",
          "windows-registry-key",
          PATTERN);

  private static final Canonicalizer STANDARD = new Canonicalizer();

  /** Checks that the type is known and the value is not empty. */
  public ObservableKey {
    if (!TYPES.contains(type)) {
      throw new IllegalArgumentException("unknown observable key type: " + type);
    }
    if (value.isEmpty()) {
      throw new IllegalArgumentException("observable key value is empty");
    }
  }

  /**
   * Reads a key back from its string form and checks that it is canonical.
   *
   * @param key a string produced by {@link #toString()}
   * @return the key
   * @throws ObservableException with code {@code bad-key} when the string is malformed or not the
   *     canonical spelling
   */
  public static ObservableKey parse(String key) throws ObservableException {
    int colon = key.indexOf(':');
    if (colon <= 0 || colon == key.length() - 1) {
      throw badKey("'" + Addresses.shorten(key) + "' is not of the form type:value");
    }
    String type = key.substring(0, colon);
    String value = key.substring(colon + 1);
    if (!TYPES.contains(type)) {
      throw badKey("'" + Addresses.shorten(type) + "' is not an observable key type");
    }
    if (type.equals(PATTERN)) {
      if (value.length() != 64
          || !value.chars().allMatch(c -> (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
        throw badKey("a pattern key holds 64 lower-case hex digits");
      }
      return new ObservableKey(type, value);
    }
    ObservableKey canonical;
    try {
      canonical = STANDARD.canonical(type, value);
    } catch (ObservableException e) {
      throw badKey("'" + Addresses.shorten(key) + "' has an invalid value: " + e.reason());
    }
    if (!canonical.value().equals(value)) {
      throw badKey(
          "'" + Addresses.shorten(key) + "' is not canonical; the canonical key is " + canonical);
    }
    return canonical;
  }

  /** Returns whether this key hashes a whole pattern rather than naming one observable. */
  public boolean isPatternHash() {
    return type.equals(PATTERN);
  }

  /**
   * Returns a STIX pattern matching exactly this observable, such as {@code [ipv4-addr:value =
   * '198.51.100.7']} or {@code [file:hashes.'SHA-256' = '…']}.
   *
   * @throws UnsupportedOperationException for pattern-hash keys, which cannot be reversed
   */
  public String toPattern() {
    StringBuilder out = new StringBuilder(value.length() + 40).append('[');
    switch (type) {
      case "file" -> {
        int colon = value.indexOf(':');
        Optional<HashAlgorithm> a = HashAlgorithm.fromName(value.substring(0, Math.max(colon, 0)));
        out.append("file:hashes.'")
            .append(a.map(HashAlgorithm::stixName).orElse(value.substring(0, Math.max(colon, 0))))
            .append("' = ");
        quote(value.substring(colon + 1), out);
      }
      case "autonomous-system" ->
          out.append("autonomous-system:number = ").append(value.substring(2));
      case "windows-registry-key" -> {
        out.append("windows-registry-key:key = ");
        quote(value, out);
      }
      case PATTERN ->
          throw new UnsupportedOperationException(
              "a pattern-hash key cannot be turned back into a pattern");
      default -> {
        out.append(type).append(":value = ");
        quote(value, out);
      }
    }
    return out.append(']').toString();
  }

  /** Returns {@code type:value}. */
  @Override
  public String toString() {
    return type + ":" + value;
  }

  private static void quote(String s, StringBuilder out) {
    out.append('\'');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\\' || c == '\'') {
        out.append('\\');
      }
      out.append(c);
    }
    out.append('\'');
  }

  private static ObservableException badKey(String reason) {
    return new ObservableException(ObservableException.BAD_KEY, reason);
  }
}
