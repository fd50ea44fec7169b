package org.isachub.stix.observable;

import java.util.Locale;
import java.util.regex.Matcher;

/** Undoes the usual ways analysts defang indicators so they cannot be clicked. */
final class Refang {
  private static final java.util.regex.Pattern BRACKETED =
      java.util.regex.Pattern.compile(
          "\\[\\.\\]|\\(\\.\\)|\\{\\.\\}|\\[dot\\]|\\(dot\\)|\\{dot\\}"
              + "|\\[://\\]|\\[:\\]|\\[/\\]"
              + "|\\[@\\]|\\(@\\)|\\{@\\}|\\[at\\]|\\(at\\)|\\{at\\}",
          java.util.regex.Pattern.CASE_INSENSITIVE);

  private static final java.util.regex.Pattern SCHEME =
      java.util.regex.Pattern.compile(
          "^h(?:xx|\\*\\*)p(s?)(?=:)", java.util.regex.Pattern.CASE_INSENSITIVE);

  private static final java.util.regex.Pattern FTP =
      java.util.regex.Pattern.compile("^fxp(?=:)", java.util.regex.Pattern.CASE_INSENSITIVE);

  private Refang() {}

  /**
   * Returns {@code value} with brackets around dots, colons and at signs and hxxp schemes undone.
   */
  static String refang(String value) {
    String s = value.strip();
    if (s.indexOf('[') >= 0 || s.indexOf('(') >= 0 || s.indexOf('{') >= 0) {
      Matcher m = BRACKETED.matcher(s);
      StringBuilder out = new StringBuilder(s.length());
      while (m.find()) {
        String hit = m.group().toLowerCase(Locale.ROOT);
        String plain;
        if (hit.contains(".") || hit.contains("dot")) {
          plain = ".";
        } else if (hit.contains("@") || hit.contains("at")) {
          plain = "@";
        } else {
          plain = hit.substring(1, hit.length() - 1);
        }
        m.appendReplacement(out, Matcher.quoteReplacement(plain));
      }
      m.appendTail(out);
      s = out.toString();
    }
    s = SCHEME.matcher(s).replaceFirst("http$1");
    return FTP.matcher(s).replaceFirst("ftp");
  }
}
