package org.isachub.ingest.read.internal;

import java.util.ArrayList;
import java.util.List;
import org.isachub.ingest.read.ReadException;
import org.isachub.ingest.read.ReadLimits;
import org.isachub.ingest.read.RejectionCodes;
import org.jspecify.annotations.Nullable;

/**
 * Reads RFC 4180 records: fields separated by one delimiter character, optionally enclosed in
 * double quotes, a doubled quote standing for a quote inside a quoted field, line breaks allowed
 * inside quoted fields. Deviations, chosen for real feeds: lines starting with the comment prefix
 * and blank lines between records are skipped; a quote inside an unquoted field is kept literally.
 * A record is bounded by {@link ReadLimits#maxLineLength()} bytes across all its lines; after any
 * fault the reader resynchronises at the next physical line. Not thread-safe.
 */
public final class CsvRecordReader {

  private final LineSource lines;
  private final char delimiter;
  private final @Nullable String commentPrefix;
  private final int maxRecordBytes;

  /**
   * Creates a reader.
   *
   * @param lines the physical lines
   * @param delimiter the field delimiter
   * @param commentPrefix lines starting with this (after leading blanks) are comments; null for
   *     none
   * @param limits the record length bound
   */
  public CsvRecordReader(
      LineSource lines, char delimiter, @Nullable String commentPrefix, ReadLimits limits) {
    this.lines = lines;
    this.delimiter = delimiter;
    this.commentPrefix = commentPrefix == null || commentPrefix.isEmpty() ? null : commentPrefix;
    this.maxRecordBytes = limits.maxLineLength();
  }

  /**
   * Reads the next record.
   *
   * @return the record, or {@code null} at the end of the input
   * @throws ReadException on whole-input failures from the line source
   */
  public @Nullable CsvRecord next() throws ReadException {
    Line first = lines.next();
    if (first == null) {
      return null;
    }
    CsvRecord bad = faultOf(first, first.number());
    if (bad != null) {
      return bad;
    }
    String text = first.text();
    String stripped = text.strip();
    if (stripped.isEmpty() || (commentPrefix != null && stripped.startsWith(commentPrefix))) {
      return new CsvRecord(first.number(), CsvRecord.Kind.SKIP, List.of(), text, null, null);
    }

    List<String> fields = new ArrayList<>();
    StringBuilder raw = new StringBuilder(text);
    StringBuilder field = new StringBuilder();
    long bytes = first.byteLength();
    // Parser state carried across physical lines while a quoted field is open.
    boolean quoted = false; // inside a quoted field
    boolean fieldStart = true; // nothing read yet for the current field
    boolean afterClosingQuote = false;
    String current = text;
    int i = 0;
    while (true) {
      if (i == current.length()) {
        if (!quoted) {
          fields.add(field.toString());
          return new CsvRecord(
              first.number(), CsvRecord.Kind.DATA, List.copyOf(fields), raw.toString(), null, null);
        }
        Line more = lines.next();
        if (more == null) {
          return CsvRecord.fault(
              first.number(),
              raw.toString(),
              RejectionCodes.CSV_UNTERMINATED_QUOTE,
              "a quoted field opened on line " + first.number() + " is never closed");
        }
        CsvRecord moreBad = faultOf(more, first.number());
        if (moreBad != null) {
          return moreBad;
        }
        bytes += 1 + more.byteLength();
        if (bytes > maxRecordBytes) {
          return CsvRecord.fault(
              first.number(),
              raw.toString(),
              RejectionCodes.CSV_LINE_TOO_LONG,
              "the record starting on line "
                  + first.number()
                  + " is longer than the limit of "
                  + maxRecordBytes
                  + " bytes");
        }
        field.append('\n');
        raw.append('\n').append(more.text());
        current = more.text();
        i = 0;
        continue;
      }
      char c = current.charAt(i++);
      if (quoted) {
        if (c == '"') {
          if (i < current.length() && current.charAt(i) == '"') {
            field.append('"');
            i++;
          } else {
            quoted = false;
            afterClosingQuote = true;
          }
        } else {
          field.append(c);
        }
      } else if (c == delimiter) {
        fields.add(field.toString());
        field.setLength(0);
        fieldStart = true;
        afterClosingQuote = false;
      } else if (afterClosingQuote) {
        return CsvRecord.fault(
            first.number(),
            raw.toString(),
            RejectionCodes.CSV_BAD_QUOTE,
            "unexpected '"
                + printable(c)
                + "' after the closing quote of field "
                + (fields.size() + 1)
                + "; a quote inside a quoted field must be doubled");
      } else if (c == '"' && fieldStart) {
        quoted = true;
        fieldStart = false;
      } else {
        field.append(c);
        fieldStart = false;
      }
    }
  }

  private static String printable(char c) {
    return c < 0x20 || c == 0x7F ? String.format("\\u%04x", (int) c) : String.valueOf(c);
  }

  private @Nullable CsvRecord faultOf(Line line, int recordStart) {
    switch (line.fault()) {
      case TOO_LONG:
        return CsvRecord.fault(
            recordStart,
            line.text(),
            RejectionCodes.CSV_LINE_TOO_LONG,
            "line "
                + line.number()
                + " is "
                + line.byteLength()
                + " bytes, longer than the limit of "
                + maxRecordBytes);
      case BAD_ENCODING:
        return CsvRecord.fault(
            recordStart,
            line.text(),
            RejectionCodes.CSV_BAD_ENCODING,
            "line " + line.number() + " is not valid UTF-8");
      default:
        return null;
    }
  }
}
