package org.isachub.enrich.warninglist;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * URL prefixes grouped by origin ({@code scheme://authority}), so a lookup only compares the few
 * prefixes of the URL's own origin.
 */
final class UrlPrefixIndex {

  private record Prefix(String text, int ordinal) {}

  private final Map<String, List<Prefix>> byOrigin = new HashMap<>();

  void add(String canonicalPrefix, int ordinal) {
    byOrigin
        .computeIfAbsent(origin(canonicalPrefix), k -> new ArrayList<>())
        .add(new Prefix(canonicalPrefix, ordinal));
  }

  OptionalInt match(String url) {
    List<Prefix> candidates = byOrigin.get(origin(url));
    if (candidates == null) {
      return OptionalInt.empty();
    }
    int best = Integer.MAX_VALUE;
    for (Prefix p : candidates) {
      if (p.ordinal < best && url.startsWith(p.text)) {
        best = p.ordinal;
      }
    }
    return best == Integer.MAX_VALUE ? OptionalInt.empty() : OptionalInt.of(best);
  }

  /** Everything up to the first '/', '?' or '#' after "://", or the whole text. */
  static String origin(String url) {
    int scheme = url.indexOf("://");
    if (scheme < 0) {
      return url;
    }
    for (int i = scheme + 3; i < url.length(); i++) {
      char c = url.charAt(i);
      if (c == '/' || c == '?' || c == '#') {
        return url.substring(0, i);
      }
    }
    return url;
  }
}
