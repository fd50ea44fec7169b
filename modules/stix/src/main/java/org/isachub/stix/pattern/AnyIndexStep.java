package org.isachub.stix.pattern;

/** The any-index step {@code [*]}: the comparison holds for some element of the list. */
public record AnyIndexStep() implements PathStep {}
