package org.isachub.stix.pattern;

/**
 * A list index step, {@code [n]}.
 *
 * @param index the non-negative index
 */
public record IndexStep(int index) implements PathStep {}
