package org.isachub.stix.pattern;

/** One step of an object path: a property name, a list index or the any-index {@code [*]}. */
public sealed interface PathStep permits PropertyStep, IndexStep, AnyIndexStep {}
