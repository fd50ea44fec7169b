package org.isachub.stix.observable;

import java.util.Locale;

/**
 * E-mail addresses as {@code local@domain}, both lower case, the domain as IDNA A-labels.
 *
 * <p>The local part is lower-cased although RFC 5321 lets servers treat it case-sensitively: in
 * practice mailbox providers do not, and the hub prefers merging {@code John@x} with {@code
 * john@x}. Only dot-atom local parts are accepted (no quoted strings or comments).
 */
final class EmailAddresses {
  private static final String ATEXT_PUNCT = "!#$%&'*+/=?^_`{|}~-";

  private EmailAddresses() {}

  static String canonical(String raw) throws ObservableException {
    String s = raw;
    if (s.regionMatches(true, 0, "mailto:", 0, 7)) {
      s = s.substring(7);
    }
    int at = s.lastIndexOf('@');
    if (at <= 0 || at == s.length() - 1) {
      throw bad("'" + Addresses.shorten(raw) + "' is not of the form local@domain");
    }
    String local = s.substring(0, at);
    if (local.length() > 64) {
      throw bad("local part is longer than 64 characters");
    }
    if (local.startsWith(".") || local.endsWith(".") || local.contains("..")) {
      throw bad("local part must not start or end with '.' or contain '..'");
    }
    for (int i = 0; i < local.length(); ) {
      int cp = local.codePointAt(i);
      boolean ok =
          cp < 0x80
              ? (Character.isLetterOrDigit(cp) || cp == '.' || ATEXT_PUNCT.indexOf(cp) >= 0)
              : Character.isLetterOrDigit(cp);
      if (!ok) {
        throw bad("local part contains '" + new String(Character.toChars(cp)) + "'");
      }
      i += Character.charCount(cp);
    }
    String domain;
    try {
      domain = DomainNames.canonical(s.substring(at + 1));
    } catch (ObservableException e) {
      throw bad("domain part is not valid: " + e.reason());
    }
    String result = local.toLowerCase(Locale.ROOT) + "@" + domain;
    if (result.length() > 254) {
      throw bad("address is longer than 254 characters");
    }
    return result;
  }

  private static ObservableException bad(String reason) {
    return new ObservableException(ObservableException.BAD_EMAIL, reason);
  }
}
