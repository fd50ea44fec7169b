package org.isachub.server.taxii;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.isachub.server.ApiError;

/** The opaque {@code next} cursor: the feed offset the next page starts at, base64url-encoded. */
final class Cursor {

  private static final String PREFIX = "o1.";

  private Cursor() {}

  static String encode(long offset) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString((PREFIX + offset).getBytes(StandardCharsets.US_ASCII));
  }

  static long decode(String next) {
    String text;
    try {
      text = new String(Base64.getUrlDecoder().decode(next), StandardCharsets.US_ASCII);
    } catch (IllegalArgumentException e) {
      throw malformed();
    }
    if (!text.startsWith(PREFIX)) {
      throw malformed();
    }
    try {
      long offset = Long.parseLong(text.substring(PREFIX.length()));
      if (offset < 0) {
        throw malformed();
      }
      return offset;
    } catch (NumberFormatException e) {
      throw malformed();
    }
  }

  private static ApiError malformed() {
    return ApiError.badRequest("'next' is not a cursor this server handed out");
  }
}
