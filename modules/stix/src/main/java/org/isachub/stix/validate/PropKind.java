package org.isachub.stix.validate;

import java.util.Set;
import org.jspecify.annotations.Nullable;

/** The kinds of property value the STIX specification defines, with their parameters. */
sealed interface PropKind {

  /** Any string. */
  record Str() implements PropKind {}

  /** A string matching a regular expression (anchored). */
  record Formatted(java.util.regex.Pattern regex, String what) implements PropKind {}

  /** A boolean. */
  record Bool() implements PropKind {}

  /** An integer within optional bounds. */
  record Int(@Nullable Long min, @Nullable Long max) implements PropKind {}

  /** A number within optional bounds. */
  record Num(@Nullable Double min, @Nullable Double max) implements PropKind {}

  /** A timestamp; {@code millis} requires millisecond precision. */
  record Timestamp(boolean millis) implements PropKind {}

  /** One of a closed set of strings. */
  record Choice(Set<String> values) implements PropKind {}

  /** A non-empty list of strings. */
  record StrList() implements PropKind {}

  /** A non-empty list of strings from a closed set. */
  record EnumList(Set<String> values) implements PropKind {}

  /**
   * An identifier of an SDO, SRO or meta object.
   *
   * @param allowed target types allowed, or empty for any
   * @param forbidden target types not allowed
   */
  record Ref(Set<String> allowed, Set<String> forbidden) implements PropKind {}

  /** A non-empty list of identifiers. */
  record RefList(Set<String> allowed, Set<String> forbidden) implements PropKind {}

  /**
   * A reference from a cyber-observable; the schemas type these only as strings, so its format and
   * target are checked as a reference-type rule.
   */
  record ScoRef(Set<String> allowed) implements PropKind {}

  /** A non-empty list of cyber-observable references. */
  record ScoRefList(Set<String> allowed) implements PropKind {}

  /** A non-empty list of kill chain phases. */
  record KillChainPhases() implements PropKind {}

  /** A non-empty list of external references. */
  record ExternalReferences() implements PropKind {}

  /** A non-empty list of granular markings. */
  record GranularMarkings() implements PropKind {}

  /** An extensions dictionary; {@code definitionsOnly} allows only extension-definition keys. */
  record Extensions(boolean definitionsOnly) implements PropKind {}

  /** A hashes dictionary. */
  record Hashes() implements PropKind {}

  /** A non-empty dictionary. */
  record Dictionary() implements PropKind {}

  /** A JSON object of any shape. */
  record AnyObject() implements PropKind {}

  /** A list (possibly with elements of any type). */
  record AnyList() implements PropKind {}
}
