package org.isachub.enrich.warninglist;

import java.util.Locale;
import java.util.Optional;

/** What the entries of a warninglist are, and so which observable keys it can match. */
public enum WarninglistKind {
  /** IPv4 and IPv6 addresses and networks; matches {@code ipv4-addr} and {@code ipv6-addr} keys. */
  CIDR("cidr"),
  /** Exact domain names; matches {@code domain-name} keys equal to an entry. */
  DOMAIN("domain"),
  /** Domain names with all their subdomains; matches {@code domain-name} keys. */
  DOMAIN_SUFFIX("domain-suffix"),
  /** URL prefixes ({@code scheme://host/…}); matches {@code url} keys starting with an entry. */
  URL_PREFIX("url-prefix"),
  /** File hashes ({@code sha256:<hex>} etc.); matches {@code file} keys. */
  HASH("hash");

  private final String token;

  WarninglistKind(String token) {
    this.token = token;
  }

  /** The word naming this kind in a list file header, e.g. {@code domain-suffix}. */
  public String token() {
    return token;
  }

  /** The kind a header word names, case-insensitively. */
  public static Optional<WarninglistKind> fromToken(String token) {
    String t = token.toLowerCase(Locale.ROOT);
    for (WarninglistKind kind : values()) {
      if (kind.token.equals(t)) {
        return Optional.of(kind);
      }
    }
    return Optional.empty();
  }
}
