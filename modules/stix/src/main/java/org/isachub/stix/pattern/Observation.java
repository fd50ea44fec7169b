package org.isachub.stix.pattern;

/**
 * One bracketed observation, {@code [comparison expression]}.
 *
 * @param comparison the comparison expression inside the brackets
 */
public record Observation(ComparisonExpression comparison) implements ObservationExpression {}
