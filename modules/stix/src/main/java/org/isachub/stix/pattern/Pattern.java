package org.isachub.stix.pattern;

/**
 * The root of a parsed STIX 2.1 pattern.
 *
 * <p>Two patterns that differ only in whitespace, quoting of path steps or the spelling of numbers
 * produce equal trees; use {@link Patterns#normalise(Pattern)} for a canonical text that also
 * ignores the operand order of {@code AND} and {@code OR}.
 *
 * @param expression the top-level observation expression
 */
public record Pattern(ObservationExpression expression) {}
