package org.isachub.ingest.read.internal;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One logical CSV record (it may span several physical lines when a quoted field holds a line
 * break), or a comment/blank line, or a record that could not be parsed.
 *
 * @param line the line number the record starts on
 * @param kind what this is
 * @param fields the parsed fields of a {@link Kind#DATA} record, else empty
 * @param raw the record's text (an excerpt for faults)
 * @param faultCode for {@link Kind#FAULT}, the rejection code
 * @param faultReason for {@link Kind#FAULT}, the rejection reason
 */
public record CsvRecord(
    int line,
    Kind kind,
    List<String> fields,
    String raw,
    @Nullable String faultCode,
    @Nullable String faultReason) {

  /** What a record is. */
  public enum Kind {
    /** A record with fields. */
    DATA,
    /** A blank or comment line. */
    SKIP,
    /** A record that could not be parsed. */
    FAULT
  }

  static CsvRecord fault(int line, String raw, String code, String reason) {
    return new CsvRecord(line, Kind.FAULT, List.of(), raw, code, reason);
  }
}
