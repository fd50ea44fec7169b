package org.isachub.stix.model;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * STIX timestamps (RFC 3339, UTC, {@code Z} suffix): strict parsing and millisecond-or-finer
 * formatting.
 *
 * <p>Thread-safe; all methods are static.
 */
public final class StixTimestamps {

  private static final Pattern SHAPE =
      Pattern.compile(
          "(\\d{4})-(0[1-9]|1[0-2])-(0[1-9]|[12]\\d|3[01])"
              + "T([01]\\d|2[0-3]):([0-5]\\d):([0-5]\\d|60)(?:\\.(\\d+))?Z");
  private static final DateTimeFormatter SECONDS =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss").withZone(ZoneOffset.UTC);

  private StixTimestamps() {}

  /** Returns whether the text has the RFC 3339 UTC shape STIX requires (ignores calendar days). */
  public static boolean hasValidShape(String text) {
    return SHAPE.matcher(text).matches();
  }

  /** Returns whether the text has at least millisecond precision, as created/modified require. */
  public static boolean hasMillisecondPrecision(String text) {
    Matcher m = SHAPE.matcher(text);
    return m.matches() && m.group(7) != null && m.group(7).length() >= 3;
  }

  /**
   * Parses a STIX timestamp. A leap second ({@code :60}) is read as the last nanosecond of the
   * preceding second so that ordering checks still work.
   *
   * @param text the timestamp text
   * @return the instant, or empty when the text is not a valid STIX timestamp (including dates that
   *     do not exist, such as February 30)
   */
  public static Optional<Instant> tryParse(String text) {
    Matcher m = SHAPE.matcher(text);
    if (!m.matches()) {
      return Optional.empty();
    }
    int second = Integer.parseInt(m.group(6));
    String fraction = m.group(7) == null ? "" : m.group(7);
    int nanos = 0;
    if (!fraction.isEmpty()) {
      String nine = (fraction + "000000000").substring(0, 9);
      nanos = Integer.parseInt(nine);
    }
    if (second == 60) {
      second = 59;
      nanos = 999_999_999;
    }
    try {
      LocalDateTime t =
          LocalDateTime.of(
              Integer.parseInt(m.group(1)),
              Integer.parseInt(m.group(2)),
              Integer.parseInt(m.group(3)),
              Integer.parseInt(m.group(4)),
              Integer.parseInt(m.group(5)),
              second,
              nanos);
      return Optional.of(t.toInstant(ZoneOffset.UTC));
    } catch (DateTimeException e) {
      return Optional.empty();
    }
  }

  /**
   * Parses a STIX timestamp or fails.
   *
   * @throws IllegalArgumentException when the text is not a valid STIX timestamp
   */
  public static Instant parse(String text) {
    return tryParse(text)
        .orElseThrow(() -> new IllegalArgumentException("not a STIX timestamp: '" + text + "'"));
  }

  /**
   * Formats an instant with millisecond precision, or finer when the instant has sub-millisecond
   * digits, e.g. {@code 2024-05-01T12:00:00.000Z}.
   */
  public static String format(Instant instant) {
    int nanos = instant.getNano();
    String fraction;
    if (nanos % 1_000_000 == 0) {
      fraction = String.format("%03d", nanos / 1_000_000);
    } else if (nanos % 1_000 == 0) {
      fraction = String.format("%06d", nanos / 1_000);
    } else {
      fraction = String.format("%09d", nanos);
    }
    return SECONDS.format(instant) + "." + fraction + "Z";
  }
}
