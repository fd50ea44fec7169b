package org.isachub.stix.pattern;

/**
 * {@code EXISTS object-type:path}: true when the object has the property.
 *
 * @param path the property tested
 */
public record ExistsTest(ObjectPath path) implements ComparisonExpression {}
