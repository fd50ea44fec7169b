package org.isachub.stix.observable;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * URLs in the syntax-based normal form of RFC 3986 section 6.2.2, plus a few scheme-based steps.
 *
 * <p>Steps: scheme and host lower case, host as IDNA A-labels or canonical IP text, trailing dot of
 * the host dropped, default port dropped (http 80, https 443, ftp 21), percent-encoding normalised
 * (unreserved characters decoded, other escapes with upper-case hex, characters that may not appear
 * raw encoded as UTF-8), dot segments removed, empty path written {@code /}, empty query and the
 * fragment dropped. A value without {@code scheme://} is read as {@code http://}.
 */
final class Urls {

  private static final String UNRESERVED_PUNCT = "-._~";
  private static final String SUB_DELIMS = "!$&'()*+,;=";

  private Urls() {}

  static String canonical(String raw, int maxLength) throws ObservableException {
    if (raw.isEmpty()) {
      throw bad("URL is empty");
    }
    for (int i = 0; i < raw.length(); i++) {
      char c = raw.charAt(i);
      if (c < 0x20 || c == 0x7f || Character.isWhitespace(c)) {
        throw bad("URL contains whitespace or a control character at position " + (i + 1));
      }
    }
    String s = raw;
    int schemeEnd = schemeEnd(s);
    String scheme;
    if (schemeEnd > 0 && s.startsWith("//", schemeEnd + 1)) {
      scheme = s.substring(0, schemeEnd).toLowerCase(Locale.ROOT);
      s = s.substring(schemeEnd + 3);
    } else if (schemeEnd > 0 && looksLikeOpaqueScheme(s, schemeEnd)) {
      throw bad("only URLs of the form scheme://host… are supported");
    } else if (s.startsWith("//")) {
      throw bad("URL has no scheme");
    } else {
      scheme = "http";
    }
    int fragment = s.indexOf('#');
    if (fragment >= 0) {
      s = s.substring(0, fragment);
    }
    int authorityEnd = indexOfAny(s, "/?");
    String authority = authorityEnd < 0 ? s : s.substring(0, authorityEnd);
    String rest = authorityEnd < 0 ? "" : s.substring(authorityEnd);
    int q = rest.indexOf('?');
    String path = q < 0 ? rest : rest.substring(0, q);
    String query = q < 0 ? "" : rest.substring(q + 1);

    StringBuilder out = new StringBuilder(raw.length() + 16);
    out.append(scheme).append("://");
    authority(scheme, authority, out);
    String normalPath = removeDotSegments(percent(path, "/:@"));
    out.append(normalPath.isEmpty() ? "/" : normalPath);
    if (!query.isEmpty()) {
      out.append('?').append(percent(query, "/:@?"));
    }
    if (out.length() > maxLength) {
      throw new ObservableException(
          ObservableException.TOO_LONG, "URL is longer than " + maxLength + " characters");
    }
    return out.toString();
  }

  /** Returns the index of the ':' ending a syntactically valid scheme, or -1. */
  private static int schemeEnd(String s) {
    if (s.isEmpty() || !isAsciiLetter(s.charAt(0))) {
      return -1;
    }
    for (int i = 1; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == ':') {
        return i;
      }
      if (!(isAsciiLetter(c) || (c >= '0' && c <= '9') || c == '+' || c == '-' || c == '.')) {
        return -1;
      }
    }
    return -1;
  }

  /** {@code mailto:x} is opaque; {@code example.org:8080/a} is a host and port without scheme. */
  private static boolean looksLikeOpaqueScheme(String s, int schemeEnd) {
    String scheme = s.substring(0, schemeEnd);
    char next = schemeEnd + 1 < s.length() ? s.charAt(schemeEnd + 1) : '/';
    return scheme.indexOf('.') < 0 && !(next >= '0' && next <= '9') && next != '/';
  }

  private static void authority(String scheme, String authority, StringBuilder out)
      throws ObservableException {
    String hostPort = authority;
    int at = authority.lastIndexOf('@');
    if (at >= 0) {
      out.append(percent(authority.substring(0, at), ":")).append('@');
      hostPort = authority.substring(at + 1);
    }
    String host;
    String port = "";
    if (hostPort.startsWith("[")) {
      int close = hostPort.indexOf(']');
      if (close < 0) {
        throw bad("IPv6 host is missing its ']'");
      }
      host = hostPort.substring(0, close + 1);
      String after = hostPort.substring(close + 1);
      if (!after.isEmpty()) {
        if (after.charAt(0) != ':') {
          throw bad("unexpected text after the IPv6 host");
        }
        port = after.substring(1);
      }
    } else {
      int colon = hostPort.lastIndexOf(':');
      host = colon < 0 ? hostPort : hostPort.substring(0, colon);
      port = colon < 0 ? "" : hostPort.substring(colon + 1);
    }
    out.append(host(host));
    String normalPort = port(port);
    if (!normalPort.isEmpty() && !normalPort.equals(defaultPort(scheme))) {
      out.append(':').append(normalPort);
    }
  }

  private static String host(String host) throws ObservableException {
    if (host.isEmpty()) {
      throw bad("URL has no host");
    }
    if (host.startsWith("[")) {
      String inner = host.substring(1, host.length() - 1);
      Addresses.Canonical ip;
      try {
        ip = Addresses.canonical(inner, false);
      } catch (ObservableException e) {
        throw bad("host is not an IPv6 address: " + e.reason());
      }
      if (ip.ipv4()) {
        throw bad("an IPv4 host must not be in brackets");
      }
      return "[" + ip.text() + "]";
    }
    String decoded = percentDecodeHost(host);
    if (isDottedNumbers(decoded)) {
      // A trailing dot makes a name fully qualified; for a dotted quad it means nothing.
      if (decoded.endsWith(".")) {
        decoded = decoded.substring(0, decoded.length() - 1);
      }
      try {
        return Addresses.canonical(decoded, false).text();
      } catch (ObservableException e) {
        throw bad("host is not a valid IPv4 address: " + e.reason());
      }
    }
    try {
      return DomainNames.canonical(decoded);
    } catch (ObservableException e) {
      throw bad("host is not valid: " + e.reason());
    }
  }

  private static String port(String port) throws ObservableException {
    if (port.isEmpty()) {
      return "";
    }
    for (int i = 0; i < port.length(); i++) {
      if (port.charAt(i) < '0' || port.charAt(i) > '9') {
        throw bad("port '" + Addresses.shorten(port) + "' is not a number");
      }
    }
    String digits = port.replaceFirst("^0+(?=.)", "");
    if (digits.length() > 5 || Integer.parseInt(digits) > 65535) {
      throw bad("port " + Addresses.shorten(port) + " is above 65535");
    }
    return digits;
  }

  private static String defaultPort(String scheme) {
    return switch (scheme) {
      case "http" -> "80";
      case "https" -> "443";
      case "ftp" -> "21";
      default -> "";
    };
  }

  private static boolean isDottedNumbers(String host) {
    for (int i = 0; i < host.length(); i++) {
      char c = host.charAt(i);
      if (!(c == '.' || (c >= '0' && c <= '9'))) {
        return false;
      }
    }
    return true;
  }

  private static String percentDecodeHost(String host) throws ObservableException {
    if (host.indexOf('%') < 0) {
      return host;
    }
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream(host.length());
    for (int i = 0; i < host.length(); i++) {
      char c = host.charAt(i);
      if (c == '%') {
        int hi = i + 2 < host.length() ? hex(host.charAt(i + 1)) : -1;
        int lo = hi >= 0 ? hex(host.charAt(i + 2)) : -1;
        if (lo < 0) {
          throw bad("host has a '%' that is not followed by two hex digits");
        }
        bytes.write(hi * 16 + lo);
        i += 2;
      } else {
        int end = Character.isHighSurrogate(c) && i + 1 < host.length() ? i + 2 : i + 1;
        String chunk = host.substring(i, end);
        if (Character.isSurrogate(chunk.charAt(chunk.length() - 1))
            && Character.codePointCount(chunk, 0, chunk.length()) == chunk.length()) {
          throw bad("host contains an unpaired surrogate character");
        }
        bytes.writeBytes(chunk.getBytes(StandardCharsets.UTF_8));
        i = end - 1;
      }
    }
    var decoder =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
            .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT);
    try {
      return decoder.decode(java.nio.ByteBuffer.wrap(bytes.toByteArray())).toString();
    } catch (java.nio.charset.CharacterCodingException e) {
      throw bad("host percent-encoding is not valid UTF-8");
    }
  }

  /**
   * Normalises percent-encoding: decodes unreserved characters, upper-cases the hex of other
   * escapes, encodes a stray '%' as %25 and every character outside the allowed set as UTF-8.
   */
  static String percent(String s, String extraAllowed) throws ObservableException {
    StringBuilder out = new StringBuilder(s.length() + 8);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '%') {
        int hi = i + 2 < s.length() ? hex(s.charAt(i + 1)) : -1;
        int lo = hi >= 0 ? hex(s.charAt(i + 2)) : -1;
        if (lo < 0) {
          out.append("%25");
          continue;
        }
        int b = hi * 16 + lo;
        if (b < 0x80 && isUnreserved((char) b)) {
          out.append((char) b);
        } else {
          appendEscape(b, out);
        }
        i += 2;
      } else if (c < 0x80
          && (isUnreserved(c) || SUB_DELIMS.indexOf(c) >= 0 || extraAllowed.indexOf(c) >= 0)) {
        out.append(c);
      } else if (Character.isHighSurrogate(c)
          && i + 1 < s.length()
          && Character.isLowSurrogate(s.charAt(i + 1))) {
        for (byte b : s.substring(i, i + 2).getBytes(StandardCharsets.UTF_8)) {
          appendEscape(b & 0xff, out);
        }
        i++;
      } else if (Character.isSurrogate(c)) {
        throw bad("URL contains an unpaired surrogate character");
      } else {
        for (byte b : String.valueOf(c).getBytes(StandardCharsets.UTF_8)) {
          appendEscape(b & 0xff, out);
        }
      }
    }
    return out.toString();
  }

  /** RFC 3986 section 5.2.4, on a path that is empty or starts with '/'. */
  static String removeDotSegments(String path) {
    if (path.isEmpty() || (path.indexOf("/.") < 0)) {
      return path;
    }
    String[] segments = path.substring(1).split("/", -1);
    List<String> kept = new ArrayList<>(segments.length);
    for (int i = 0; i < segments.length; i++) {
      String seg = segments[i];
      boolean last = i == segments.length - 1;
      if (seg.equals(".") || seg.equals("..")) {
        if (seg.equals("..") && !kept.isEmpty()) {
          kept.remove(kept.size() - 1);
        }
        if (last) {
          kept.add("");
        }
      } else {
        kept.add(seg);
      }
    }
    return "/" + String.join("/", kept);
  }

  private static void appendEscape(int b, StringBuilder out) {
    out.append('%').append(Character.toUpperCase(Character.forDigit(b >> 4, 16)));
    out.append(Character.toUpperCase(Character.forDigit(b & 0xf, 16)));
  }

  private static boolean isUnreserved(char c) {
    return isAsciiLetter(c) || (c >= '0' && c <= '9') || UNRESERVED_PUNCT.indexOf(c) >= 0;
  }

  private static boolean isAsciiLetter(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  }

  private static int hex(char c) {
    if (c >= '0' && c <= '9') {
      return c - '0';
    }
    if (c >= 'a' && c <= 'f') {
      return c - 'a' + 10;
    }
    if (c >= 'A' && c <= 'F') {
      return c - 'A' + 10;
    }
    return -1;
  }

  private static int indexOfAny(String s, String chars) {
    for (int i = 0; i < s.length(); i++) {
      if (chars.indexOf(s.charAt(i)) >= 0) {
        return i;
      }
    }
    return -1;
  }

  private static ObservableException bad(String reason) {
    return new ObservableException(ObservableException.BAD_URL, reason);
  }
}
