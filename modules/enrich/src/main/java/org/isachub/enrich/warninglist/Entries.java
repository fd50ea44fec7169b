package org.isachub.enrich.warninglist;

import com.google.common.net.InternetDomainName;
import inet.ipaddr.AddressStringException;
import inet.ipaddr.AddressStringParameters.RangeParameters;
import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;
import inet.ipaddr.IPAddressStringParameters;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Canonical forms of list entries and key values; each method throws IAE with the reason. */
final class Entries {

  /** Plain dotted or RFC 4291 text only: no inet_aton forms, ranges, masks, wildcards or zones. */
  static final IPAddressStringParameters STRICT_IP;

  static {
    IPAddressStringParameters.Builder b =
        new IPAddressStringParameters.Builder()
            .allowEmpty(false)
            .allowAll(false)
            .allowSingleSegment(false)
            .allowMask(false)
            .allowPrefixOnly(false)
            .allowWildcardedSeparator(false)
            .setRangeOptions(RangeParameters.NO_RANGE)
            .allow_inet_aton(false);
    b.getIPv4AddressParametersBuilder().allowLeadingZeros(false);
    b.getIPv6AddressParametersBuilder().allowZone(false).allowBase85(false);
    STRICT_IP = b.toParams();
  }

  private static final Map<Integer, String> HASH_BY_LENGTH =
      Map.of(32, "md5", 40, "sha1", 64, "sha256", 128, "sha512");
  private static final Map<String, Integer> LENGTH_BY_HASH =
      Map.of("md5", 32, "sha1", 40, "sha256", 64, "sha512", 128);
  private static final Pattern HEX = Pattern.compile("[0-9a-f]+");
  private static final Pattern URL_PREFIX =
      Pattern.compile("([A-Za-z][A-Za-z0-9+.-]*)://([^/?#@\\s]+)(/.*)");

  private Entries() {}

  /** The canonical form of one entry of a list of {@code kind}. */
  static String canonical(WarninglistKind kind, String text) {
    return switch (kind) {
      case CIDR -> network(text).toCanonicalString();
      case DOMAIN, DOMAIN_SUFFIX -> domain(text);
      case URL_PREFIX -> urlPrefix(text);
      case HASH -> hash(text);
    };
  }

  /** An address or network; an address with a prefix length must be the network's first address. */
  static IPAddress network(String text) {
    IPAddress address;
    try {
      address = new IPAddressString(text, STRICT_IP).toAddress();
    } catch (AddressStringException e) {
      throw new IllegalArgumentException(
          "not an IP address or CIDR network: '" + text + "' (" + e.getMessage() + ")");
    }
    if (address.getNetworkPrefixLength() != null && !address.isPrefixBlock()) {
      throw new IllegalArgumentException(
          "host bits are set in '"
              + text
              + "'; the network is "
              + address.toPrefixBlock().toCanonicalString());
    }
    return address;
  }

  /** A lower-case ASCII domain name. */
  static String domain(String text) {
    if (text.startsWith("*.")) {
      throw new IllegalArgumentException(
          "wildcards are not supported ('" + text + "'); use a domain-suffix list");
    }
    if (text.endsWith(".")) {
      throw new IllegalArgumentException("remove the trailing dot from '" + text + "'");
    }
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) > 0x7f) {
        throw new IllegalArgumentException(
            "use the ASCII (xn--) form of the internationalised domain '" + text + "'");
      }
    }
    String lower = text.toLowerCase(Locale.ROOT);
    if (!InternetDomainName.isValid(lower)) {
      throw new IllegalArgumentException("not a valid domain name: '" + text + "'");
    }
    return lower;
  }

  /** {@code scheme://authority/path…} with the scheme and authority lower-cased. */
  static String urlPrefix(String text) {
    Matcher m = URL_PREFIX.matcher(text);
    if (!m.matches()) {
      throw new IllegalArgumentException(
          "a URL prefix must look like scheme://host/… with at least the '/' after the host (so"
              + " that http://example.com cannot match http://example.com.evil.net), got '"
              + text
              + "'");
    }
    return m.group(1).toLowerCase(Locale.ROOT)
        + "://"
        + m.group(2).toLowerCase(Locale.ROOT)
        + m.group(3);
  }

  /** {@code algorithm:hex}; bare hex gets its algorithm from its length. */
  static String hash(String text) {
    String lower = text.toLowerCase(Locale.ROOT);
    int colon = lower.indexOf(':');
    String algorithm;
    String hex;
    if (colon < 0) {
      hex = lower;
      algorithm = HASH_BY_LENGTH.get(hex.length());
      if (algorithm == null) {
        throw new IllegalArgumentException(
            "a bare hash must have 32 (md5), 40 (sha1), 64 (sha256) or 128 (sha512) hex digits,"
                + " got "
                + hex.length()
                + " in '"
                + text
                + "'");
      }
    } else {
      algorithm = lower.substring(0, colon);
      hex = lower.substring(colon + 1);
      Integer length = LENGTH_BY_HASH.get(algorithm);
      if (length == null) {
        throw new IllegalArgumentException(
            "unknown hash algorithm '"
                + algorithm
                + "' in '"
                + text
                + "' (expected md5, sha1, sha256 or sha512)");
      }
      if (hex.length() != length) {
        throw new IllegalArgumentException(
            algorithm
                + " needs "
                + length
                + " hex digits, got "
                + hex.length()
                + " in '"
                + text
                + "'");
      }
    }
    if (!HEX.matcher(hex).matches()) {
      throw new IllegalArgumentException("a hash must be hexadecimal, got '" + text + "'");
    }
    return algorithm + ":" + hex;
  }
}
