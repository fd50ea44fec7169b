package org.isachub.stix.pattern;

/**
 * A boolean constant, {@code true} or {@code false}.
 *
 * @param value the value
 */
public record BoolConstant(boolean value) implements Constant {}
