package org.isachub.ingest;

import java.util.Locale;
import org.jspecify.annotations.Nullable;

/** The input formats the ingest stage adapts, with the adapter name recorded on every record. */
public enum IngestFormat {
  /** A STIX 2.1 bundle (or one STIX object). */
  STIX("stix"),
  /** A CSV feed, read with a named mapping. */
  CSV("csv"),
  /** A plain-text list, one value a line. */
  TEXT("text"),
  /** A MISP event, event collection or attribute collection. */
  MISP("misp");

  private final String adapter;

  IngestFormat(String adapter) {
    this.adapter = adapter;
  }

  /** Returns the adapter name written to {@code Submission.adapter}, e.g. {@code csv}. */
  public String adapter() {
    return adapter;
  }

  /**
   * Chooses the format of a request from its {@code format} parameter, else its content type.
   *
   * @param format the explicit format ({@code stix}, {@code csv}, {@code text}, {@code misp}), or
   *     null
   * @param contentType the request's content type, parameters allowed, or null
   * @return the format
   * @throws IngestRejectedException with {@link RequestProblem#UNSUPPORTED} when neither names a
   *     format, or they disagree
   */
  public static IngestFormat choose(@Nullable String format, @Nullable String contentType)
      throws IngestRejectedException {
    IngestFormat byType = contentType == null ? null : fromContentType(contentType);
    if (format != null && !format.isBlank()) {
      IngestFormat named = null;
      for (IngestFormat f : values()) {
        if (f.adapter.equals(format.strip().toLowerCase(Locale.ROOT))) {
          named = f;
        }
      }
      if (named == null) {
        throw unsupported("format '" + format + "' is none of stix, csv, text, misp");
      }
      // JSON content may carry STIX or MISP; CSV and plain text may carry csv or text lists.
      boolean jsonBody = contentType != null && mediaType(contentType).endsWith("json");
      if (jsonBody != (named == STIX || named == MISP) && contentType != null) {
        throw unsupported(
            "format '" + named.adapter + "' cannot be sent as '" + mediaType(contentType) + "'");
      }
      return named;
    }
    if (byType == null) {
      throw unsupported(
          "content type '"
              + contentType
              + "' names no format: send application/stix+json, application/json, text/csv or"
              + " text/plain, or say format=");
    }
    return byType;
  }

  private static @Nullable IngestFormat fromContentType(String contentType) {
    return switch (mediaType(contentType)) {
      case "application/stix+json", "application/taxii+json", "application/json" -> STIX;
      case "text/csv" -> CSV;
      case "text/plain" -> TEXT;
      default -> null;
    };
  }

  private static String mediaType(String contentType) {
    int semi = contentType.indexOf(';');
    return (semi < 0 ? contentType : contentType.substring(0, semi))
        .strip()
        .toLowerCase(Locale.ROOT);
  }

  private static IngestRejectedException unsupported(String reason) {
    return new IngestRejectedException(
        IngestCodes.UNSUPPORTED_FORMAT, reason, RequestProblem.UNSUPPORTED, null);
  }
}
