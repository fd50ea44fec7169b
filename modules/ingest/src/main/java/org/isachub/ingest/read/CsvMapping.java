package org.isachub.ingest.read;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.isachub.ingest.read.internal.CsvMappingLoader;
import org.jspecify.annotations.Nullable;

/**
 * How to read one source's CSV feed. Columns are named either by the feed's header line ({@code
 * header = true}) or by {@code columns}; a column reference that is all digits and not a column
 * name is a 0-based index. When the names come from a header, only the value and type columns are
 * required; other referenced columns the header lacks are simply absent.
 *
 * <p>Ready-made mappings ({@link #builtIn(String)}): {@code feodo} (abuse.ch Feodo Tracker IP
 * blocklist), {@code urlhaus} (URLhaus online-URL dump) and {@code generic} ({@code
 * type,value[,first_seen,last_seen,labels,confidence]} with a header). Custom mappings are JSON
 * files with the same keys as this record's components, in snake_case ({@link #load(Path)}).
 *
 * @param name a short name for the source, used in messages
 * @param delimiter the field delimiter, usually a comma
 * @param commentPrefix lines starting with this (after leading blanks) are skipped; null for none
 * @param header whether the first record is a header line (skipped, and names the columns when
 *     {@code columns} is empty)
 * @param columns the column names, when the feed's own header is missing or commented out
 * @param valueColumn the column holding the observable value
 * @param valueType the type of every value, or {@code null} for auto-detection (or the type column)
 * @param typeColumn a column naming each row's type (an {@link ObservableType} token); an empty
 *     cell falls back to {@code valueType}
 * @param firstSeenColumn the first-seen column, if any
 * @param lastSeenColumn the last-seen column, if any
 * @param timestampFormat how the first/last-seen columns are written
 * @param labelColumns columns whose content becomes labels
 * @param labelSeparators characters that split a label cell into several labels; empty for none
 * @param confidenceColumn a column holding a 0-100 confidence, if any
 * @param confidence the confidence when there is no column or its cell is empty
 * @param tlp the TLP level to suggest for every row, if the source has one
 * @param contextColumns context key → column, copied into {@link RawObservable#context()}
 * @param emptyValues cell contents that mean "no value" (e.g. {@code None})
 */
public record CsvMapping(
    String name,
    char delimiter,
    @Nullable String commentPrefix,
    boolean header,
    List<String> columns,
    String valueColumn,
    @Nullable ObservableType valueType,
    @Nullable String typeColumn,
    @Nullable String firstSeenColumn,
    @Nullable String lastSeenColumn,
    TimestampFormat timestampFormat,
    List<String> labelColumns,
    String labelSeparators,
    @Nullable String confidenceColumn,
    @Nullable Integer confidence,
    @Nullable TlpHint tlp,
    Map<String, String> contextColumns,
    Set<String> emptyValues) {

  private static final String RESOURCE_DIR = "/org/isachub/ingest/mappings/";

  /** Checks consistency and takes immutable copies. */
  public CsvMapping {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(valueColumn, "valueColumn");
    Objects.requireNonNull(timestampFormat, "timestampFormat");
    Objects.requireNonNull(labelSeparators, "labelSeparators");
    columns = List.copyOf(columns);
    labelColumns = List.copyOf(labelColumns);
    contextColumns = Map.copyOf(contextColumns);
    emptyValues = Set.copyOf(emptyValues);
    if (delimiter == '"' || delimiter == '\n' || delimiter == '\r') {
      throw new IllegalArgumentException("the delimiter must not be a quote or a line break");
    }
    if (confidence != null && (confidence < 0 || confidence > 100)) {
      throw new IllegalArgumentException("confidence must be 0-100, was " + confidence);
    }
    if (!header && columns.isEmpty()) {
      for (String ref : references(valueColumn, typeColumn, firstSeenColumn, lastSeenColumn)) {
        requireIndex(ref);
      }
      labelColumns.forEach(CsvMapping::requireIndex);
      contextColumns.values().forEach(CsvMapping::requireIndex);
      if (confidenceColumn != null) {
        requireIndex(confidenceColumn);
      }
    } else if (!columns.isEmpty()) {
      for (String ref : references(valueColumn, typeColumn, firstSeenColumn, lastSeenColumn)) {
        requireKnown(ref, columns);
      }
      for (String ref : labelColumns) {
        requireKnown(ref, columns);
      }
      for (String ref : contextColumns.values()) {
        requireKnown(ref, columns);
      }
      if (confidenceColumn != null) {
        requireKnown(confidenceColumn, columns);
      }
    }
  }

  /**
   * Returns a ready-made mapping shipped with the reader.
   *
   * @param name {@code feodo}, {@code urlhaus} or {@code generic}
   * @return the mapping
   * @throws ReadException with code {@code mapping.invalid} when there is no such mapping
   */
  public static CsvMapping builtIn(String name) throws ReadException {
    if (!name.matches("[a-z0-9-]{1,40}")) {
      throw new ReadException(RejectionCodes.MAPPING_INVALID, "no built-in mapping named " + name);
    }
    try (InputStream in = CsvMapping.class.getResourceAsStream(RESOURCE_DIR + name + ".json")) {
      if (in == null) {
        throw new ReadException(
            RejectionCodes.MAPPING_INVALID,
            "no built-in mapping named " + name + " (there are feodo, urlhaus, generic)");
      }
      return load(in);
    } catch (IOException e) {
      throw new ReadException(RejectionCodes.IO_ERROR, "cannot read mapping " + name, e);
    }
  }

  /**
   * Loads a mapping from a JSON file.
   *
   * @param file the mapping file
   * @return the mapping
   * @throws ReadException with code {@code mapping.invalid} when the file is not a valid mapping,
   *     or {@code io.error} when it cannot be read
   */
  public static CsvMapping load(Path file) throws ReadException {
    try (InputStream in = Files.newInputStream(file)) {
      return load(in);
    } catch (IOException e) {
      throw new ReadException(RejectionCodes.IO_ERROR, "cannot read mapping file " + file, e);
    }
  }

  /**
   * Loads a mapping from JSON.
   *
   * @param json the mapping as JSON; the caller keeps ownership of the stream
   * @return the mapping
   * @throws ReadException with code {@code mapping.invalid} when it is not a valid mapping
   */
  public static CsvMapping load(InputStream json) throws ReadException {
    return CsvMappingLoader.load(json);
  }

  private static List<String> references(@Nullable String... refs) {
    return java.util.Arrays.stream(refs).filter(Objects::nonNull).toList();
  }

  private static void requireIndex(String ref) {
    if (!isIndex(ref)) {
      throw new IllegalArgumentException(
          "column '" + ref + "' cannot be resolved: there is no header and no column list");
    }
  }

  private static void requireKnown(String ref, List<String> columns) {
    if (!columns.contains(ref) && !(isIndex(ref) && Integer.parseInt(ref) < columns.size())) {
      throw new IllegalArgumentException(
          "column '" + ref + "' is not one of the declared columns " + columns);
    }
  }

  /**
   * Tells whether a column reference is a 0-based index.
   *
   * @param ref a column reference
   * @return true for 1 to 4 digits
   */
  public static boolean isIndex(String ref) {
    return ref.matches("[0-9]{1,4}");
  }
}
