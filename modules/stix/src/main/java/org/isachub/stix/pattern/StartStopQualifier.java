package org.isachub.stix.pattern;

/**
 * {@code START t'…' STOP t'…'}: the qualified observations must fall in this half-open interval.
 *
 * @param start the inclusive start
 * @param stop the exclusive stop, after {@code start} in a valid pattern
 */
public record StartStopQualifier(TimestampConstant start, TimestampConstant stop)
    implements Qualifier {}
