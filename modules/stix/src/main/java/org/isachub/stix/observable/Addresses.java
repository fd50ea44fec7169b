package org.isachub.stix.observable;

import inet.ipaddr.AddressStringException;
import inet.ipaddr.AddressValueException;
import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;
import inet.ipaddr.IPAddressStringParameters;
import inet.ipaddr.IncompatibleAddressException;
import org.jspecify.annotations.Nullable;

/** IPv4 and IPv6 addresses and CIDR blocks in canonical text. */
final class Addresses {

  /** A canonical address: its text and whether it is IPv4. */
  record Canonical(String text, boolean ipv4) {}

  // Plain dotted quads and RFC 4291 text with an optional prefix length, nothing else: no
  // inet_aton shorthand (10.1, 0x0a.0.0.1), masks, ranges, wildcards or zones.
  private static final IPAddressStringParameters STRICT =
      new IPAddressStringParameters.Builder()
          .allowEmpty(false)
          .allowAll(false)
          .allowSingleSegment(false)
          .allowMask(false)
          .allowWildcardedSeparator(false)
          .setRangeOptions(IPAddressStringParameters.RangeParameters.NO_RANGE)
          .allow_inet_aton(false)
          .getIPv6AddressParametersBuilder()
          .allowZone(false)
          .allowBinary(false)
          .getParentBuilder()
          .getIPv4AddressParametersBuilder()
          .allowBinary(false)
          .getParentBuilder()
          .toParams();

  private Addresses() {}

  /**
   * Canonicalises an address or CIDR block.
   *
   * <p>A prefix covering the whole address ({@code /32}, {@code /128}) is a host and loses it; a
   * shorter prefix is a network, written from its base address. IPv6 is written as RFC 5952 text,
   * IPv4-mapped addresses in the mixed notation RFC 5952 recommends.
   *
   * @param raw the address text, already refanged and stripped
   * @param allowPrefix whether a CIDR prefix is allowed
   * @return the canonical form
   */
  static Canonical canonical(String raw, boolean allowPrefix) throws ObservableException {
    IPAddress address = parse(raw);
    if (address == null) {
      throw new ObservableException(
          ObservableException.BAD_IP, "'" + shorten(raw) + "' is not an IP address or CIDR block");
    }
    Integer prefix = address.getNetworkPrefixLength();
    boolean host = prefix == null || prefix == address.getBitCount();
    if (!host && !allowPrefix) {
      throw new ObservableException(
          ObservableException.BAD_IP, "a CIDR prefix is not allowed here: '" + shorten(raw) + "'");
    }
    String text;
    if (host) {
      IPAddress plain = address.withoutPrefixLength();
      text =
          plain.isIPv6() && plain.toIPv6().isIPv4Mapped()
              ? plain.toIPv6().toMixedString()
              : plain.toCanonicalString();
    } else {
      text = address.toPrefixBlock().toCanonicalString();
    }
    return new Canonical(text, address.isIPv4());
  }

  private static @Nullable IPAddress parse(String raw) {
    try {
      IPAddressString s = new IPAddressString(raw, STRICT);
      s.validate();
      return s.toAddress();
    } catch (AddressStringException | AddressValueException | IncompatibleAddressException e) {
      return null;
    }
  }

  static String shorten(String s) {
    return s.length() <= 80 ? s : s.substring(0, 77) + "...";
  }
}
