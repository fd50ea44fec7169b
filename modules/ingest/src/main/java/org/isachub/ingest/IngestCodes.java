package org.isachub.ingest;

/**
 * The stable reason codes of the ingest stage, reported per object and carried by dead letters.
 * Clients match on them, so a code is never renamed or reused for a different fault. The feed
 * readers' codes ({@link org.isachub.ingest.read.RejectionCodes}), the STIX validator's ({@code
 * stix.<rule>}, {@code stix.pattern.<code>}) and the record checks' ({@code wire.*}) are passed
 * through as they are.
 */
public final class IngestCodes {

  // ---- whole requests ----

  /** The request body is larger than the configured limit. */
  public static final String LIMIT_REQUEST_BYTES = "limit.request-bytes";

  /** A bundle holds more objects than the configured limit. */
  public static final String LIMIT_BUNDLE_OBJECTS = "limit.bundle-objects";

  /** JSON nests deeper than the configured limit. */
  public static final String LIMIT_JSON_DEPTH = "limit.json-depth";

  /** A JSON string is longer than the configured limit. */
  public static final String LIMIT_JSON_STRING = "limit.json-string";

  /** The body is not well-formed JSON (or has a duplicate property). */
  public static final String STIX_JSON = "stix.json";

  /** The JSON is neither a STIX bundle nor a single STIX object. */
  public static final String STIX_NOT_A_BUNDLE = "stix.not-a-bundle";

  /** The content type or format names no adapter. */
  public static final String UNSUPPORTED_FORMAT = "ingest.unsupported-format";

  /** A CSV request names no mapping the hub knows. */
  public static final String UNKNOWN_MAPPING = "ingest.unknown-mapping";

  /** The request is empty. */
  public static final String EMPTY_REQUEST = "ingest.empty-request";

  // ---- single objects ----

  /** An entry of a bundle's objects is not an object with a string type and id. */
  public static final String STIX_OBJECT_SHAPE = "stix.object-shape";

  /** A pattern is longer than the configured limit. */
  public static final String LIMIT_PATTERN_LENGTH = "limit.pattern-length";

  /** An indicator's pattern_type is not {@code stix}: the hub cannot key it. */
  public static final String UNSUPPORTED_PATTERN_TYPE = "ingest.unsupported-pattern-type";

  /** The observable value in a pattern is not valid for its type. */
  public static final String PATTERN_VALUE = "ingest.pattern-value";

  /** An object marking is neither a standard TLP marking nor defined in the request. */
  public static final String TLP_UNKNOWN_MARKING = "ingest.tlp.unknown-marking";

  /** A TLP marking-definition names a level that does not exist. */
  public static final String TLP_UNKNOWN_LEVEL = "ingest.tlp.unknown-level";

  /** An AMBER+STRICT or RED object came without named recipients. */
  public static final String TLP_NO_RECIPIENTS = "ingest.tlp.no-recipients";

  /** A sighting names an indicator that is neither in the request nor known to the hub. */
  public static final String SIGHTING_UNKNOWN_TARGET = "ingest.sighting.unknown-target";

  /** A sighting's sighting_of_ref is not an indicator. */
  public static final String SIGHTING_NOT_OF_INDICATOR = "ingest.sighting.not-of-indicator";

  /** A sighting names an indicator of the same request that was rejected. */
  public static final String SIGHTING_TARGET_REJECTED = "ingest.sighting.target-rejected";

  /** Prefix of the codes of a feed value the canonicaliser refused ({@code observable.bad-ip}). */
  public static final String OBSERVABLE_PREFIX = "observable.";

  private IngestCodes() {}
}
