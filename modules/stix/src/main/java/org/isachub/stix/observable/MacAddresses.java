package org.isachub.stix.observable;

import java.util.Locale;

/** MAC-48 addresses as six colon-separated lower-case octets, as STIX requires. */
final class MacAddresses {
  private static final java.util.regex.Pattern SEPARATED =
      java.util.regex.Pattern.compile(
          "([0-9A-Fa-f]{1,2})([:-])([0-9A-Fa-f]{1,2})\\2([0-9A-Fa-f]{1,2})\\2"
              + "([0-9A-Fa-f]{1,2})\\2([0-9A-Fa-f]{1,2})\\2([0-9A-Fa-f]{1,2})");
  private static final java.util.regex.Pattern DOTTED =
      java.util.regex.Pattern.compile("([0-9A-Fa-f]{4})\\.([0-9A-Fa-f]{4})\\.([0-9A-Fa-f]{4})");
  private static final java.util.regex.Pattern BARE =
      java.util.regex.Pattern.compile("[0-9A-Fa-f]{12}");

  private MacAddresses() {}

  /** Returns whether {@code raw} is written like a MAC address with separators. */
  static boolean looksLikeMac(String raw) {
    return SEPARATED.matcher(raw).matches() || DOTTED.matcher(raw).matches();
  }

  /** Accepts {@code aa:bb:…}, {@code AA-BB-…}, {@code aabb.ccdd.eeff} and {@code aabbccddeeff}. */
  static String canonical(String raw) throws ObservableException {
    String hex;
    var m = SEPARATED.matcher(raw);
    if (m.matches()) {
      StringBuilder b = new StringBuilder(12);
      for (int g : new int[] {1, 3, 4, 5, 6, 7}) {
        String octet = m.group(g);
        b.append(octet.length() == 1 ? "0" + octet : octet);
      }
      hex = b.toString();
    } else if (DOTTED.matcher(raw).matches()) {
      hex = raw.replace(".", "");
    } else if (BARE.matcher(raw).matches()) {
      hex = raw;
    } else {
      throw new ObservableException(
          ObservableException.BAD_MAC,
          "'" + Addresses.shorten(raw) + "' is not a MAC-48 address such as 00:1a:2b:3c:4d:5e");
    }
    hex = hex.toLowerCase(Locale.ROOT);
    StringBuilder out = new StringBuilder(17);
    for (int i = 0; i < 12; i += 2) {
      if (i > 0) {
        out.append(':');
      }
      out.append(hex, i, i + 2);
    }
    return out.toString();
  }
}
