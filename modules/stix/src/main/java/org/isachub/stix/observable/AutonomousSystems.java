package org.isachub.stix.observable;

/**
 * Autonomous-system numbers as {@code AS<decimal>}, for example {@code AS64500}.
 *
 * <p>Accepts {@code 64500}, {@code AS64500}, {@code as 64500}, {@code ASN64500} and the asdot
 * notation of RFC 5396 ({@code AS1.10} is {@code AS65546}).
 */
final class AutonomousSystems {
  private static final long MAX = 4_294_967_295L;
  private static final java.util.regex.Pattern FORM =
      java.util.regex.Pattern.compile("(?:[Aa][Ss][Nn]?\\s?)?([0-9]{1,10})(?:\\.([0-9]{1,5}))?");

  private AutonomousSystems() {}

  /** Returns whether {@code raw} carries an explicit AS prefix, as text detection requires. */
  static boolean hasPrefix(String raw) {
    return raw.length() > 2
        && raw.regionMatches(true, 0, "AS", 0, 2)
        && FORM.matcher(raw).matches();
  }

  static String canonical(String raw) throws ObservableException {
    var m = FORM.matcher(raw);
    if (!m.matches()) {
      throw bad("'" + Addresses.shorten(raw) + "' is not an AS number such as AS64500");
    }
    long number = Long.parseLong(m.group(1));
    if (m.group(2) != null) {
      long low = Long.parseLong(m.group(2));
      if (number > 65535 || low > 65535) {
        throw bad("asdot halves must each be at most 65535");
      }
      number = number * 65536 + low;
    }
    return fromNumber(number);
  }

  static String fromNumber(long number) throws ObservableException {
    if (number < 0 || number > MAX) {
      throw bad("AS number must be between 0 and " + MAX);
    }
    return "AS" + number;
  }

  private static ObservableException bad(String reason) {
    return new ObservableException(ObservableException.BAD_ASN, reason);
  }
}
