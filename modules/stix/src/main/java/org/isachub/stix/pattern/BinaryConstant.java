package org.isachub.stix.pattern;

/**
 * A binary constant, {@code b'base64'}.
 *
 * @param base64 the padded base64 text as written
 */
public record BinaryConstant(String base64) implements Constant {}
