package org.isachub.stix.pattern;

/**
 * A property step; quoted ({@code 'SHA-256'}) and bare ({@code name}) spellings are equal.
 *
 * @param name the property name, never empty
 */
public record PropertyStep(String name) implements PathStep {}
