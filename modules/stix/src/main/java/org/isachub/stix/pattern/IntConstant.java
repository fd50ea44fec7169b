package org.isachub.stix.pattern;

/**
 * An integer constant.
 *
 * @param value the value; the parser rejects integers outside the range of {@code long}
 */
public record IntConstant(long value) implements Constant {}
