package org.isachub.distribute.webhook;

import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;
import inet.ipaddr.ipv4.IPv4Address;
import inet.ipaddr.ipv6.IPv6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Decides which addresses a webhook may be sent to. Loopback, private (RFC 1918, RFC 4193),
 * link-local, CGNAT, multicast, unspecified, reserved and cloud metadata addresses are refused
 * unless an operator allows their range; IPv6 addresses that embed an IPv4 address (IPv4-mapped,
 * IPv4-compatible, NAT64, 6to4) are judged by the address they embed as well.
 *
 * <p>The guard resolves a host once and hands back the checked addresses: the caller must connect
 * to one of them, never resolve the name again, or a second answer could point elsewhere.
 *
 * <p>Immutable and thread-safe if the resolver is.
 */
public final class TargetGuard {

  private record Block(IPAddress range, String category) {}

  // Order matters: the first block that contains an address names its category, so the metadata
  // addresses come before the link-local and unique-local ranges that hold them.
  private static final List<Block> BLOCKS =
      List.of(
          block("0.0.0.0/8", "unspecified"),
          block("10.0.0.0/8", "private"),
          block("100.64.0.0/10", "CGNAT"),
          block("127.0.0.0/8", "loopback"),
          block("169.254.169.254/32", "cloud metadata"),
          block("169.254.0.0/16", "link-local"),
          block("172.16.0.0/12", "private"),
          block("192.0.0.0/24", "reserved"),
          block("192.168.0.0/16", "private"),
          block("198.18.0.0/15", "reserved"),
          block("224.0.0.0/4", "multicast"),
          block("240.0.0.0/4", "reserved"),
          block("::/128", "unspecified"),
          block("::1/128", "loopback"),
          block("fd00:ec2::254/128", "cloud metadata"),
          block("fc00::/7", "private"),
          block("fe80::/10", "link-local"),
          block("fec0::/10", "private"),
          block("ff00::/8", "multicast"),
          block("100::/64", "reserved"));

  private final List<IPAddress> allowed;
  private final HostResolver resolver;

  /**
   * Creates a guard.
   *
   * @param allowed ranges allowed although internal (e.g. {@code 127.0.0.0/8} in tests)
   * @param resolver how names are resolved
   */
  public TargetGuard(List<IPAddress> allowed, HostResolver resolver) {
    this.allowed = List.copyOf(allowed);
    this.resolver = resolver;
  }

  /**
   * A guard that allows no internal address and uses the system resolver.
   *
   * @return the guard
   */
  public static TargetGuard strict() {
    return new TargetGuard(List.of(), HostResolver.SYSTEM);
  }

  /**
   * Parses an allowed range: a CIDR block (host bits are ignored) or a single address.
   *
   * @param text e.g. {@code 10.20.0.0/16} or {@code ::1}
   * @return the range
   * @throws IllegalArgumentException if the text is not an address or range
   */
  public static IPAddress parseRange(String text) {
    IPAddress address = new IPAddressString(text.trim()).getAddress();
    if (address == null) {
      throw new IllegalArgumentException(
          "'" + text + "' is not an IPv4 or IPv6 address or CIDR range (e.g. 127.0.0.0/8)");
    }
    return address.isPrefixed() ? address.toPrefixBlock() : address;
  }

  /**
   * Resolves a host once and checks every address it resolves to.
   *
   * @param host a name or address literal (IPv6 with or without brackets)
   * @return the checked addresses, in the resolver's order, to connect to
   * @throws UnknownHostException if the name does not resolve
   * @throws TargetRefusedException if any address is internal and not allowed
   */
  public List<InetAddress> resolve(String host)
      throws UnknownHostException, TargetRefusedException {
    String bare =
        host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    List<InetAddress> addresses = resolver.resolve(bare);
    if (addresses.isEmpty()) {
      throw new UnknownHostException("no address for webhook target host '" + bare + "'");
    }
    // Every address is checked, not only the first: a name with one public and one internal
    // address would otherwise reach the internal one whenever the public one fails to connect.
    for (InetAddress address : addresses) {
      Optional<String> refusal = refusal(address);
      if (refusal.isPresent()) {
        throw new TargetRefusedException(
            "webhook target host '"
                + bare
                + "' resolves to "
                + address.getHostAddress()
                + ", "
                + refusal.get()
                + " address, which is not allowed (see "
                + WebhookConfig.ALLOW_PRIVATE_TARGETS_CONFIG
                + ")");
      }
    }
    return addresses;
  }

  /**
   * Tells why an address may not be a target.
   *
   * @param address an address
   * @return e.g. {@code "a loopback"}, or empty when the address is allowed
   */
  public Optional<String> refusal(InetAddress address) {
    Optional<String> category = category(address);
    if (category.isEmpty() || isAllowed(toIp(address.getAddress()))) {
      return Optional.empty();
    }
    return Optional.of("a " + category.get());
  }

  /**
   * The internal category of an address, regardless of what is allowed.
   *
   * @param address an address
   * @return e.g. {@code "loopback"} or {@code "private (IPv4-mapped)"}, or empty for a public one
   */
  public static Optional<String> category(InetAddress address) {
    return category(address.getAddress());
  }

  /**
   * The internal category of a raw address (4 or 16 bytes), regardless of what is allowed.
   *
   * @param raw the address bytes in network order
   * @return the category, or empty for a public address
   */
  static Optional<String> category(byte[] raw) {
    IPAddress ip = toIp(raw);
    Optional<String> own = blockOf(ip);
    if (own.isPresent()) {
      return own;
    }
    Embedded embedded = embedded(raw);
    if (embedded != null) {
      return blockOf(toIp(embedded.ipv4())).map(c -> c + " (" + embedded.form() + ")");
    }
    return Optional.empty();
  }

  private boolean isAllowed(IPAddress ip) {
    if (allowed.stream().anyMatch(range -> range.contains(ip))) {
      return true;
    }
    Embedded embedded = embedded(ip.getBytes());
    if (embedded == null) {
      return false;
    }
    IPAddress inner = toIp(embedded.ipv4());
    // An IPv6 form of an internal IPv4 address is only as allowed as the IPv4 address itself, and
    // then only if the IPv6 address is not internal in its own right.
    return blockOf(ip).isEmpty() && allowed.stream().anyMatch(range -> range.contains(inner));
  }

  private record Embedded(byte[] ipv4, String form) {}

  private static @org.jspecify.annotations.Nullable Embedded embedded(byte[] raw) {
    if (raw.length != 16) {
      return null;
    }
    boolean first80Zero = true;
    for (int i = 0; i < 10; i++) {
      first80Zero &= raw[i] == 0;
    }
    if (first80Zero && raw[10] == (byte) 0xff && raw[11] == (byte) 0xff) {
      return new Embedded(Arrays.copyOfRange(raw, 12, 16), "IPv4-mapped");
    }
    if (first80Zero && raw[10] == 0 && raw[11] == 0) {
      return new Embedded(Arrays.copyOfRange(raw, 12, 16), "IPv4-compatible");
    }
    // 64:ff9b::/96, the well-known NAT64 prefix: the translator connects to the embedded address.
    if (raw[0] == 0 && raw[1] == 0x64 && raw[2] == (byte) 0xff && raw[3] == (byte) 0x9b) {
      boolean zeros = true;
      for (int i = 4; i < 12; i++) {
        zeros &= raw[i] == 0;
      }
      if (zeros) {
        return new Embedded(Arrays.copyOfRange(raw, 12, 16), "NAT64");
      }
    }
    // 2002::/16, 6to4: the relay forwards to the IPv4 address in bits 16-47.
    if (raw[0] == 0x20 && raw[1] == 0x02) {
      return new Embedded(Arrays.copyOfRange(raw, 2, 6), "6to4");
    }
    return null;
  }

  private static Optional<String> blockOf(IPAddress ip) {
    for (Block b : BLOCKS) {
      if (b.range().contains(ip)) {
        return Optional.of(b.category());
      }
    }
    return Optional.empty();
  }

  private static IPAddress toIp(byte[] raw) {
    return raw.length == 4 ? new IPv4Address(raw) : new IPv6Address(raw);
  }

  private static Block block(String cidr, String category) {
    return new Block(parseRange(cidr), category);
  }
}
