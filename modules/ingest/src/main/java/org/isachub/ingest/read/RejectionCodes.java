package org.isachub.ingest.read;

/**
 * The stable codes carried by {@link Rejection} and {@link ReadException}; clients may match on
 * them, so a code is never renamed or reused for a different fault.
 */
public final class RejectionCodes {

  // ---- CSV feeds (per record) ----

  /** A CSV record is longer than {@link ReadLimits#maxLineLength()} bytes. */
  public static final String CSV_LINE_TOO_LONG = "csv.line-too-long";

  /** A CSV record has a different number of fields than the header or mapping declares. */
  public static final String CSV_COLUMN_COUNT = "csv.column-count";

  /** A first/last-seen field does not match the mapping's timestamp format. */
  public static final String CSV_BAD_TIMESTAMP = "csv.bad-timestamp";

  /** A confidence field is not an integer from 0 to 100. */
  public static final String CSV_BAD_CONFIDENCE = "csv.bad-confidence";

  /** A type field names no known observable type. */
  public static final String CSV_UNKNOWN_TYPE = "csv.unknown-type";

  /** The value field is empty. */
  public static final String CSV_EMPTY_VALUE = "csv.empty-value";

  /** A quoted field is still open at the end of the input. */
  public static final String CSV_UNTERMINATED_QUOTE = "csv.unterminated-quote";

  /** A quote appears where RFC 4180 does not allow one (e.g. text right after a closing quote). */
  public static final String CSV_BAD_QUOTE = "csv.bad-quote";

  /** A record is not valid UTF-8. */
  public static final String CSV_BAD_ENCODING = "csv.bad-encoding";

  /** A field we use contains a control character (other than tab). */
  public static final String CSV_CONTROL_CHARACTER = "csv.control-character";

  /** The header line lacks a column the mapping requires (whole input; see ReadException). */
  public static final String CSV_MISSING_COLUMN = "csv.missing-column";

  // ---- plain-text lists (per line) ----

  /** A line is longer than {@link ReadLimits#maxLineLength()} bytes. */
  public static final String TEXT_LINE_TOO_LONG = "text.line-too-long";

  /** A line is not valid UTF-8. */
  public static final String TEXT_BAD_ENCODING = "text.bad-encoding";

  /** A line contains a control character (other than tab). */
  public static final String TEXT_CONTROL_CHARACTER = "text.control-character";

  /** A line holds more than one word where one value was expected. */
  public static final String TEXT_EMBEDDED_WHITESPACE = "text.embedded-whitespace";

  /** A {@code type:} prefix is followed by nothing. */
  public static final String TEXT_EMPTY_VALUE = "text.empty-value";

  // ---- MISP events, attribute collections and manifests ----

  /** The input is not well-formed JSON. */
  public static final String MISP_BAD_JSON = "misp.bad-json";

  /** The JSON is none of the MISP shapes the reader knows (event, collection, manifest). */
  public static final String MISP_UNKNOWN_SHAPE = "misp.unknown-shape";

  /** A MISP element has the wrong JSON type (e.g. {@code Attribute} is not an array). */
  public static final String MISP_BAD_STRUCTURE = "misp.bad-structure";

  /** An attribute's {@code type} is missing or is not a MISP attribute type name. */
  public static final String MISP_UNKNOWN_ATTRIBUTE_TYPE = "misp.unknown-attribute-type";

  /** A mapped attribute has no usable {@code value}. */
  public static final String MISP_MISSING_VALUE = "misp.missing-value";

  /** A composite attribute ({@code domain|ip}, {@code filename|md5}, …) lacks a part. */
  public static final String MISP_BAD_COMPOSITE = "misp.bad-composite";

  /** A timestamp, first_seen or last_seen is not a valid time. */
  public static final String MISP_BAD_TIMESTAMP = "misp.bad-timestamp";

  /** A mapped attribute's value is longer than {@link ReadLimits#maxLineLength()} characters. */
  public static final String MISP_VALUE_TOO_LONG = "misp.value-too-long";

  /** A mapped attribute's value contains a control character. */
  public static final String MISP_CONTROL_CHARACTER = "misp.control-character";

  /** A manifest key is not a UUID, so it cannot name an event file safely. */
  public static final String MISP_MANIFEST_BAD_UUID = "misp.manifest-bad-uuid";

  /** A manifest entry is not an object with a valid {@code timestamp}. */
  public static final String MISP_MANIFEST_BAD_ENTRY = "misp.manifest-bad-entry";

  // ---- limits ----

  /**
   * More records/objects than {@link ReadLimits#maxRecords()}; the rest of the input is dropped.
   */
  public static final String LIMIT_OBJECTS = "limit.objects";

  /** The input is larger than {@link ReadLimits#maxInputBytes()} (whole input; ReadException). */
  public static final String LIMIT_INPUT_BYTES = "limit.input-bytes";

  /** JSON nests deeper than {@link ReadLimits#maxJsonDepth()} (whole input; ReadException). */
  public static final String LIMIT_JSON_DEPTH = "limit.json-depth";

  /** A JSON string exceeds {@link ReadLimits#maxStringLength()} (whole input; ReadException). */
  public static final String LIMIT_JSON_STRING = "limit.json-string";

  /** Another JSON size limit (number or name length) was exceeded (whole input; ReadException). */
  public static final String LIMIT_JSON_OTHER = "limit.json";

  // ---- configuration and I/O ----

  /** A CSV mapping file is malformed (ReadException). */
  public static final String MAPPING_INVALID = "mapping.invalid";

  /** The underlying stream failed while reading (ReadException). */
  public static final String IO_ERROR = "io.error";

  private RejectionCodes() {}
}
