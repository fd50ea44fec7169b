package org.isachub.stix.pattern;

/**
 * A string constant, {@code 'text'}, with its escapes resolved.
 *
 * @param value the string value
 */
public record StringConstant(String value) implements Constant {}
