package org.isachub.stix.pattern;

/** The comparison operators of STIX 2.1 patterns. */
public enum ComparisonOperator {
  /** {@code =}. */
  EQUAL("="),
  /** {@code !=} (also written {@code <>}). */
  NOT_EQUAL("!="),
  /** {@code >}. */
  GREATER(">"),
  /** {@code <}. */
  LESS("<"),
  /** {@code >=}. */
  GREATER_OR_EQUAL(">="),
  /** {@code <=}. */
  LESS_OR_EQUAL("<="),
  /** {@code IN}, membership in a set constant. */
  IN("IN"),
  /** {@code LIKE}, an SQL LIKE match with {@code %} and {@code _}. */
  LIKE("LIKE"),
  /** {@code MATCHES}, a PCRE regular expression match. */
  MATCHES("MATCHES"),
  /** {@code ISSUBSET}, the address lies inside the given CIDR block. */
  IS_SUBSET("ISSUBSET"),
  /** {@code ISSUPERSET}, the CIDR block contains the given address. */
  IS_SUPERSET("ISSUPERSET");

  private final String symbol;

  ComparisonOperator(String symbol) {
    this.symbol = symbol;
  }

  /** Returns the operator as written in a normalised pattern. */
  public String symbol() {
    return symbol;
  }
}
