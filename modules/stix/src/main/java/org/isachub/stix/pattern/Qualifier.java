package org.isachub.stix.pattern;

/**
 * A qualifier on an observation expression: {@code WITHIN}, {@code REPEATS} or {@code START/STOP}.
 */
public sealed interface Qualifier permits WithinQualifier, RepeatsQualifier, StartStopQualifier {}
