package org.isachub.server.taxii;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import org.isachub.server.ServerContext;
import org.jspecify.annotations.Nullable;

/** Texts of TAXII error resources, and small reads of the JSON the hub already wrote. */
final class ErrorText {

  private static final ObjectMapper JSON = new ObjectMapper();

  private ErrorText() {}

  /** The message of the hub's own error answer, or a fixed text when there is none. */
  static String message(ServerContext context, @Nullable String result) {
    if (result != null && !result.isBlank()) {
      try {
        JsonNode n = context.json().readTree(result);
        if (n.hasNonNull("message")) {
          return n.get("message").asText();
        }
        if (n.hasNonNull("description")) {
          return n.get("description").asText();
        }
      } catch (IOException e) {
        // Not ours: fall through to the fixed text.
      }
    }
    return "the request cannot be served";
  }

  static String title(int status) {
    return switch (status) {
      case 400 -> "Bad Request";
      case 401 -> "Unauthorized";
      case 403 -> "Forbidden";
      case 404 -> "Not Found";
      case 405 -> "Method Not Allowed";
      case 406 -> "Not Acceptable";
      case 408 -> "Request Timeout";
      case 413 -> "Payload Too Large";
      case 415 -> "Unsupported Media Type";
      case 429 -> "Too Many Requests";
      case 503 -> "Service Unavailable";
      default -> status >= 500 ? "Internal Server Error" : "Error";
    };
  }

  /** The {@code modified} timestamp of a STIX object's JSON, or null. */
  static @Nullable String modified(String stix) {
    try {
      JsonNode n = JSON.readTree(stix);
      return n.hasNonNull("modified") ? n.get("modified").asText() : null;
    } catch (IOException e) {
      return null;
    }
  }
}
