package org.isachub.stix.pattern;

import java.time.Instant;

/**
 * A timestamp constant, {@code t'2016-06-01T01:30:00.123Z'}.
 *
 * @param instant the instant, to nanosecond precision
 */
public record TimestampConstant(Instant instant) implements Constant {}
