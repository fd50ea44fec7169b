package org.isachub.ingest.read;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.time.temporal.TemporalAccessor;
import java.util.Locale;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * How a feed writes its timestamps. Immutable and thread-safe.
 *
 * <ul>
 *   <li>{@code iso}: ISO 8601 with an offset ({@code 2024-04-04T07:03:03Z}, {@code
 *       2020-10-25T16:22:00.000000+00:00}), or a local date-time or date, read as UTC;
 *   <li>{@code epoch-seconds} / {@code epoch-millis}: a decimal count since 1970-01-01T00:00Z;
 *   <li>anything else: a {@link DateTimeFormatter} pattern, read as UTC unless it has an offset,
 *       resolved strictly (so {@code 2024-02-30} is refused); {@code [...]} marks optional parts,
 *       and a date without a time means the start of that day.
 * </ul>
 */
public final class TimestampFormat {

  /** ISO 8601, see the class description. */
  public static final TimestampFormat ISO = new TimestampFormat("iso");

  private static final int MAX_EPOCH_DIGITS = 15;

  private final String spec;
  private final DateTimeFormatter formatter;

  private TimestampFormat(String spec) {
    this.spec = spec;
    switch (spec) {
      case "iso":
      case "epoch-seconds":
      case "epoch-millis":
        this.formatter = DateTimeFormatter.ISO_DATE_TIME;
        break;
      default:
        // Strict resolution needs year-of-era with an era; 'u' (proleptic year) is what feeds mean.
        this.formatter =
            DateTimeFormatter.ofPattern(yearOfEraToYear(spec), Locale.ROOT)
                .withResolverStyle(ResolverStyle.STRICT)
                .withZone(ZoneOffset.UTC);
    }
  }

  /**
   * Returns the format a specification names.
   *
   * @param spec {@code iso}, {@code epoch-seconds}, {@code epoch-millis} or a pattern
   * @return the format
   * @throws IllegalArgumentException when the pattern is invalid
   */
  public static TimestampFormat of(String spec) {
    Objects.requireNonNull(spec, "spec");
    if (spec.isBlank()) {
      throw new IllegalArgumentException("a timestamp format must not be blank");
    }
    if (spec.equals("iso")) {
      return ISO;
    }
    return new TimestampFormat(spec);
  }

  /**
   * Returns the specification this format was made from.
   *
   * @return the specification
   */
  public String spec() {
    return spec;
  }

  /**
   * Parses a timestamp.
   *
   * @param text the text, without surrounding blanks
   * @return the instant
   * @throws DateTimeException when the text does not match the format or is out of range
   */
  public Instant parse(String text) {
    switch (spec) {
      case "iso":
        return parseIso(text);
      case "epoch-seconds":
        return Instant.ofEpochSecond(epoch(text));
      case "epoch-millis":
        return Instant.ofEpochMilli(epoch(text));
      default:
        TemporalAccessor t = formatter.parseBest(text, Instant::from, LocalDate::from);
        return t instanceof LocalDate
            ? ((LocalDate) t).atStartOfDay(ZoneOffset.UTC).toInstant()
            : (Instant) t;
    }
  }

  private static Instant parseIso(String text) {
    try {
      return OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
    } catch (DateTimeParseException notOffset) {
      // fall through to local forms
    }
    try {
      return LocalDateTime.parse(text, DateTimeFormatter.ISO_LOCAL_DATE_TIME)
          .toInstant(ZoneOffset.UTC);
    } catch (DateTimeParseException notLocal) {
      // fall through to a bare date
    }
    return LocalDate.parse(text, DateTimeFormatter.ISO_LOCAL_DATE)
        .atStartOfDay(ZoneOffset.UTC)
        .toInstant();
  }

  private static long epoch(String text) {
    if (text.isEmpty() || text.length() > MAX_EPOCH_DIGITS) {
      throw new DateTimeException("not an epoch count of at most " + MAX_EPOCH_DIGITS + " digits");
    }
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < '0' || c > '9') {
        throw new DateTimeException("not an epoch count: only digits 0-9 are allowed");
      }
    }
    return Long.parseLong(text);
  }

  private static String yearOfEraToYear(String pattern) {
    StringBuilder out = new StringBuilder(pattern.length());
    boolean literal = false;
    for (int i = 0; i < pattern.length(); i++) {
      char c = pattern.charAt(i);
      if (c == '\'') {
        literal = !literal;
      }
      out.append(!literal && c == 'y' ? 'u' : c);
    }
    return out.toString();
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof TimestampFormat && ((TimestampFormat) o).spec.equals(spec);
  }

  @Override
  public int hashCode() {
    return spec.hashCode();
  }

  @Override
  public String toString() {
    return spec;
  }
}
