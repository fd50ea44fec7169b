package org.isachub.stix.validate;

/**
 * The rules the validator enforces, each with a stable code and whether JSON Schema can express it.
 * Rules marked {@link #beyondSchema()} are checks the official STIX JSON Schemas cannot make
 * (ordering of timestamps, the object types that references point to, pattern validity).
 */
public enum ValidationRule {
  /** A required property is missing. */
  REQUIRED("required", false),
  /** None of a group of properties, one of which is required, is present. */
  AT_LEAST_ONE_OF("at-least-one-of", false),
  /** Properties that may or must only appear together (or apart) do not. */
  CO_OCCURRENCE("co-occurrence", false),
  /** A property has the wrong JSON type. */
  JSON_TYPE("json-type", false),
  /** A property is JSON null, which STIX does not allow. */
  NOT_NULL("not-null", false),
  /** A list or dictionary is empty, which STIX does not allow. */
  NON_EMPTY("non-empty", false),
  /** The type name breaks the STIX type-name rules. */
  TYPE_NAME("type-name", false),
  /** The spec_version is not 2.1. */
  SPEC_VERSION("spec-version", false),
  /** An identifier is not {@code <type>--<UUID>}. */
  IDENTIFIER("identifier", false),
  /** The id's type prefix differs from the object's type. */
  ID_MATCHES_TYPE("id-matches-type", false),
  /** A timestamp is not RFC 3339 in UTC with a {@code Z} suffix. */
  TIMESTAMP("timestamp", false),
  /** created or modified has less than millisecond precision. */
  TIMESTAMP_PRECISION("timestamp-millis", false),
  /** A timestamp has the right shape but names a day that does not exist (e.g. February 30). */
  CALENDAR_DATE("calendar-date", true),
  /** A number is outside its allowed range. */
  RANGE("range", false),
  /** A value is not one of the allowed values. */
  ENUM("enum", false),
  /** A string does not have the required format (address, hash, hex, base64, selector…). */
  FORMAT("format", false),
  /** A custom property name breaks the naming rules. */
  PROPERTY_NAME("property-name", false),
  /** A reserved property name is used. */
  RESERVED_NAME("reserved-name", false),
  /** An external reference is malformed. */
  EXTERNAL_REFERENCE("external-reference", false),
  /** A marking-definition is malformed, or a TLP marking differs from the standard one. */
  MARKING_DEFINITION("marking-definition", false),
  /** The extensions dictionary is malformed. */
  EXTENSION("extension", false),
  /** A reference points to an object type that the property does not allow. */
  REF_TYPE("ref-type", true),
  /** modified is earlier than created. */
  MODIFIED_NOT_BEFORE_CREATED("modified-not-before-created", true),
  /** valid_until is not later than valid_from. */
  VALID_UNTIL_AFTER_VALID_FROM("valid-until-after-valid-from", true),
  /** The end of a time window (last_seen, last_observed, stop_time) precedes its start. */
  TIME_WINDOW_ORDER("time-window-order", true),
  /** An indicator's STIX pattern is not valid. */
  PATTERN("pattern", true);

  private final String code;
  private final boolean beyondSchema;

  ValidationRule(String code, boolean beyondSchema) {
    this.code = code;
    this.beyondSchema = beyondSchema;
  }

  /** Returns the stable code reported in {@link Violation#rule()}. */
  public String code() {
    return code;
  }

  /** Returns whether the official STIX JSON Schemas cannot express this rule. */
  public boolean beyondSchema() {
    return beyondSchema;
  }

  /**
   * Returns the rule with the given code.
   *
   * @throws IllegalArgumentException when no rule has the code
   */
  public static ValidationRule fromCode(String code) {
    for (ValidationRule r : values()) {
      if (r.code.equals(code)) {
        return r;
      }
    }
    throw new IllegalArgumentException("unknown rule code: " + code);
  }
}
