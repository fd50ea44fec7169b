package org.isachub.ingest.read;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.isachub.ingest.read.internal.CsvRecord;
import org.isachub.ingest.read.internal.CsvRecordReader;
import org.isachub.ingest.read.internal.LineSource;
import org.isachub.ingest.read.internal.Text;
import org.jspecify.annotations.Nullable;

/**
 * Reads a CSV feed according to a {@link CsvMapping}: one observable per data record, every faulty
 * record a {@link Rejection} (codes {@code csv.*}, {@code limit.objects}), comments and blank lines
 * and the header counted as skipped. Every observable is an indicator. Immutable and thread-safe.
 */
public final class CsvFeedReader {

  private final CsvMapping mapping;
  private final ReadLimits limits;

  /**
   * Creates a reader with the default limits.
   *
   * @param mapping how to read the feed
   */
  public CsvFeedReader(CsvMapping mapping) {
    this(mapping, ReadLimits.DEFAULTS);
  }

  /**
   * Creates a reader.
   *
   * @param mapping how to read the feed
   * @param limits the bounds to enforce
   */
  public CsvFeedReader(CsvMapping mapping, ReadLimits limits) {
    this.mapping = Objects.requireNonNull(mapping, "mapping");
    this.limits = Objects.requireNonNull(limits, "limits");
  }

  /**
   * Reads a feed held in memory.
   *
   * @param bytes the feed, UTF-8
   * @return the observables, rejections and skipped count
   * @throws ReadException for whole-input faults (size limit, a header lacking required columns)
   */
  public ReadResult read(byte[] bytes) throws ReadException {
    return read(new ByteArrayInputStream(bytes));
  }

  /**
   * Reads a feed from a stream; the caller keeps ownership of the stream.
   *
   * @param in the feed, UTF-8
   * @return the observables, rejections and skipped count
   * @throws ReadException for whole-input faults (size limit, a header lacking required columns,
   *     stream failure)
   */
  public ReadResult read(InputStream in) throws ReadException {
    CsvRecordReader records =
        new CsvRecordReader(
            new LineSource(in, limits), mapping.delimiter(), mapping.commentPrefix(), limits);
    List<RawObservable> out = new ArrayList<>();
    List<Rejection> rejections = new ArrayList<>();
    int skipped = 0;
    int count = 0;
    Columns cols = mapping.header() ? null : Columns.resolve(mapping, mapping.columns());
    CsvRecord r;
    while ((r = records.next()) != null) {
      if (r.kind() == CsvRecord.Kind.SKIP) {
        skipped++;
        continue;
      }
      if (cols == null && r.kind() == CsvRecord.Kind.DATA) {
        // The first record of a feed with a header line names the columns.
        if (mapping.columns().isEmpty()) {
          cols = Columns.resolve(mapping, r.fields()).withExpectedCount(r.fields().size());
        } else {
          cols = Columns.resolve(mapping, mapping.columns());
        }
        skipped++;
        continue;
      }
      String location = "line " + r.line();
      if (++count > limits.maxRecords()) {
        rejections.add(
            new Rejection(
                location,
                RejectionCodes.LIMIT_OBJECTS,
                "more than "
                    + limits.maxRecords()
                    + " records; this one and the rest of the input are dropped",
                r.raw()));
        break;
      }
      if (r.kind() == CsvRecord.Kind.FAULT) {
        rejections.add(
            new Rejection(
                location,
                Objects.requireNonNull(r.faultCode()),
                Objects.requireNonNull(r.faultReason()),
                r.raw()));
        continue;
      }
      Object made = convert(Objects.requireNonNull(cols), r.fields(), location, r.raw());
      if (made instanceof RawObservable) {
        out.add((RawObservable) made);
      } else {
        rejections.add((Rejection) made);
      }
    }
    return new ReadResult(out, rejections, skipped);
  }

  /** Returns a RawObservable or a Rejection for one data record. */
  private Object convert(Columns cols, List<String> fields, String location, String raw) {
    if (cols.expectedCount >= 0 && fields.size() != cols.expectedCount) {
      return new Rejection(
          location,
          RejectionCodes.CSV_COLUMN_COUNT,
          "expected " + cols.expectedCount + " fields but found " + fields.size(),
          raw);
    }
    if (fields.size() <= cols.maxIndex) {
      return new Rejection(
          location,
          RejectionCodes.CSV_COLUMN_COUNT,
          "expected at least " + (cols.maxIndex + 1) + " fields but found " + fields.size(),
          raw);
    }
    String value = cell(fields, cols.value);
    if (value == null) {
      return new Rejection(
          location,
          RejectionCodes.CSV_EMPTY_VALUE,
          "the value column '" + mapping.valueColumn() + "' is empty",
          raw);
    }
    ObservableType type = mapping.valueType();
    String typeCell = cell(fields, cols.type);
    if (typeCell != null) {
      type = ObservableType.fromToken(typeCell);
      if (type == null) {
        return new Rejection(
            location,
            RejectionCodes.CSV_UNKNOWN_TYPE,
            "'" + typeCell + "' is not an observable type (e.g. ipv4-addr, domain-name, url)",
            raw);
      }
    }
    Instant firstSeen;
    Instant lastSeen;
    try {
      firstSeen = timestamp(fields, cols.firstSeen);
    } catch (DateTimeException e) {
      return badTimestamp(location, mapping.firstSeenColumn(), cell(fields, cols.firstSeen), raw);
    }
    try {
      lastSeen = timestamp(fields, cols.lastSeen);
    } catch (DateTimeException e) {
      return badTimestamp(location, mapping.lastSeenColumn(), cell(fields, cols.lastSeen), raw);
    }
    Integer confidence = mapping.confidence();
    String confidenceCell = cell(fields, cols.confidence);
    if (confidenceCell != null) {
      confidence = parseConfidence(confidenceCell);
      if (confidence == null) {
        return new Rejection(
            location,
            RejectionCodes.CSV_BAD_CONFIDENCE,
            "confidence '" + confidenceCell + "' is not an integer from 0 to 100",
            raw);
      }
    }
    Set<String> labels = new LinkedHashSet<>();
    for (int idx : cols.labels) {
      String cell = cell(fields, idx);
      if (cell != null) {
        for (String label : split(cell, mapping.labelSeparators())) {
          if (!mapping.emptyValues().contains(label)) {
            labels.add(label);
          }
        }
      }
    }
    Map<String, String> context = new LinkedHashMap<>();
    cols.context.forEach(
        (key, idx) -> {
          String cell = cell(fields, idx);
          if (cell != null) {
            context.put(key, cell);
          }
        });
    String control = firstControl(value, labels, context.values());
    if (control != null) {
      return new Rejection(location, RejectionCodes.CSV_CONTROL_CHARACTER, control, raw);
    }
    return new RawObservable(
        type,
        value,
        firstSeen,
        lastSeen,
        List.copyOf(labels),
        confidence,
        mapping.tlp(),
        true,
        location,
        context);
  }

  private @Nullable String cell(List<String> fields, int idx) {
    if (idx < 0 || idx >= fields.size()) {
      return null;
    }
    String s = fields.get(idx).strip();
    return s.isEmpty() || mapping.emptyValues().contains(s) ? null : s;
  }

  private @Nullable Instant timestamp(List<String> fields, int idx) {
    String s = cell(fields, idx);
    return s == null ? null : mapping.timestampFormat().parse(s);
  }

  private Rejection badTimestamp(
      String location, @Nullable String column, @Nullable String cell, String raw) {
    return new Rejection(
        location,
        RejectionCodes.CSV_BAD_TIMESTAMP,
        "column '"
            + column
            + "' holds '"
            + cell
            + "', which does not match the timestamp format '"
            + mapping.timestampFormat().spec()
            + "'",
        raw);
  }

  private static @Nullable Integer parseConfidence(String s) {
    if (!s.matches("[0-9]{1,3}")) {
      return null;
    }
    int v = Integer.parseInt(s);
    return v <= 100 ? v : null;
  }

  private static List<String> split(String cell, String separators) {
    List<String> parts = new ArrayList<>();
    int start = 0;
    for (int i = 0; i <= cell.length(); i++) {
      if (i == cell.length() || separators.indexOf(cell.charAt(i)) >= 0) {
        String part = cell.substring(start, i).strip();
        if (!part.isEmpty()) {
          parts.add(part);
        }
        start = i + 1;
      }
    }
    return parts;
  }

  private static @Nullable String firstControl(
      String value, Iterable<String> labels, Iterable<String> contexts) {
    int at = Text.firstControl(value);
    if (at >= 0) {
      return "the value contains the control character " + Text.describeControl(value, at);
    }
    for (String s : concat(labels, contexts)) {
      at = Text.firstControl(s);
      if (at >= 0) {
        return "a label or context field contains the control character "
            + Text.describeControl(s, at);
      }
    }
    return null;
  }

  private static List<String> concat(Iterable<String> a, Iterable<String> b) {
    List<String> all = new ArrayList<>();
    a.forEach(all::add);
    b.forEach(all::add);
    return all;
  }

  /** Column indices resolved for one input; -1 where the mapping names no column. */
  private static final class Columns {
    int value = -1;
    int type = -1;
    int firstSeen = -1;
    int lastSeen = -1;
    int confidence = -1;
    final List<Integer> labels = new ArrayList<>();
    final Map<String, Integer> context = new LinkedHashMap<>();
    int maxIndex = -1;
    int expectedCount = -1;

    Columns withExpectedCount(int count) {
      expectedCount = count;
      return this;
    }

    static Columns resolve(CsvMapping m, List<String> names) throws ReadException {
      Columns c = new Columns();
      List<String> trimmed = names.stream().map(String::strip).toList();
      if (!m.columns().isEmpty()) {
        c.expectedCount = m.columns().size();
      }
      c.value = c.index(m, trimmed, m.valueColumn(), true);
      c.type = c.index(m, trimmed, m.typeColumn(), true);
      c.firstSeen = c.index(m, trimmed, m.firstSeenColumn(), false);
      c.lastSeen = c.index(m, trimmed, m.lastSeenColumn(), false);
      c.confidence = c.index(m, trimmed, m.confidenceColumn(), false);
      for (String ref : m.labelColumns()) {
        int i = c.index(m, trimmed, ref, false);
        if (i >= 0) {
          c.labels.add(i);
        }
      }
      for (Map.Entry<String, String> e : m.contextColumns().entrySet()) {
        int i = c.index(m, trimmed, e.getValue(), false);
        if (i >= 0) {
          c.context.put(e.getKey(), i);
        }
      }
      return c;
    }

    private static String cut(String s) {
      return s.length() <= Rejection.MAX_EXCERPT ? s : s.substring(0, Rejection.MAX_EXCERPT) + "…";
    }

    private int index(CsvMapping m, List<String> names, @Nullable String ref, boolean required)
        throws ReadException {
      if (ref == null) {
        return -1;
      }
      int i = names.indexOf(ref);
      if (i < 0 && CsvMapping.isIndex(ref)) {
        i = Integer.parseInt(ref);
      }
      if (i < 0 && required) {
        throw new ReadException(
            RejectionCodes.CSV_MISSING_COLUMN,
            "mapping '"
                + m.name()
                + "' needs a column '"
                + ref
                + "' but the header has only "
                + cut(names.toString()));
      }
      if (i >= 0) {
        maxIndex = Math.max(maxIndex, i);
      }
      return i;
    }
  }
}
