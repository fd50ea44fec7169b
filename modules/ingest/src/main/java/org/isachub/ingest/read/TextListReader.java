package org.isachub.ingest.read;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.isachub.ingest.read.internal.Line;
import org.isachub.ingest.read.internal.LineSource;
import org.isachub.ingest.read.internal.Text;

/**
 * Reads a plain-text list, one observable per line (UTF-8, any line ending).
 *
 * <ul>
 *   <li>Blank lines and lines starting with {@code #} are skipped; a comment after the value begins
 *       at a {@code #} preceded by a space or tab ({@code evil.example # seen twice}), so a {@code
 *       #} inside a value, as in a URL fragment, is kept.
 *   <li>Surrounding blanks are removed; otherwise the value is kept as written, defanged forms
 *       ({@code hxxp://evil[.]com}) included: refanging is the canonicaliser's job.
 *   <li>A line may start with an observable type token and a colon ({@code
 *       domain-name:example.org}, {@code file:sha256:9f86…}); otherwise the type is left for
 *       auto-detection. A line that merely looks like one ({@code http://…}) is unaffected, because
 *       only the tokens of {@link ObservableType} count.
 *   <li>A value may not contain blanks, except a {@code windows-registry-key}, whose names do.
 * </ul>
 *
 * <p>Every observable is an indicator, with no timestamps, labels, confidence or TLP (the
 * submission supplies those). Immutable and thread-safe.
 */
public final class TextListReader {

  // Longest token first, so "file:sha256:" wins over any shorter token that shares a prefix.
  private static final List<ObservableType> BY_TOKEN_LENGTH =
      Arrays.stream(ObservableType.values())
          .sorted(Comparator.comparingInt((ObservableType t) -> t.token().length()).reversed())
          .toList();

  private final ReadLimits limits;

  /** Creates a reader with the default limits. */
  public TextListReader() {
    this(ReadLimits.DEFAULTS);
  }

  /**
   * Creates a reader.
   *
   * @param limits the bounds to enforce
   */
  public TextListReader(ReadLimits limits) {
    this.limits = Objects.requireNonNull(limits, "limits");
  }

  /**
   * Reads a list held in memory.
   *
   * @param bytes the list, UTF-8
   * @return the observables, rejections and skipped count
   * @throws ReadException when the input exceeds {@link ReadLimits#maxInputBytes()}
   */
  public ReadResult read(byte[] bytes) throws ReadException {
    return read(new ByteArrayInputStream(bytes));
  }

  /**
   * Reads a list from a stream; the caller keeps ownership of the stream.
   *
   * @param in the list, UTF-8
   * @return the observables, rejections and skipped count
   * @throws ReadException when the input exceeds {@link ReadLimits#maxInputBytes()} or the stream
   *     fails
   */
  public ReadResult read(InputStream in) throws ReadException {
    LineSource lines = new LineSource(in, limits);
    List<RawObservable> out = new java.util.ArrayList<>();
    List<Rejection> rejections = new java.util.ArrayList<>();
    int skipped = 0;
    int count = 0;
    Line line;
    while ((line = lines.next()) != null) {
      String location = "line " + line.number();
      String text = line.text().strip();
      if (line.fault() == Line.Fault.NONE && (text.isEmpty() || text.startsWith("#"))) {
        skipped++;
        continue;
      }
      if (++count > limits.maxRecords()) {
        rejections.add(
            new Rejection(
                location,
                RejectionCodes.LIMIT_OBJECTS,
                "more than "
                    + limits.maxRecords()
                    + " lines with values; this one and the rest of the input are dropped",
                line.text()));
        break;
      }
      if (line.fault() == Line.Fault.TOO_LONG) {
        rejections.add(
            new Rejection(
                location,
                RejectionCodes.TEXT_LINE_TOO_LONG,
                "the line is "
                    + line.byteLength()
                    + " bytes, longer than the limit of "
                    + limits.maxLineLength(),
                line.text()));
        continue;
      }
      if (line.fault() == Line.Fault.BAD_ENCODING) {
        rejections.add(
            new Rejection(
                location,
                RejectionCodes.TEXT_BAD_ENCODING,
                "the line is not valid UTF-8",
                line.text()));
        continue;
      }
      Object made = convert(stripTrailingComment(text), location, line.text());
      if (made instanceof RawObservable) {
        out.add((RawObservable) made);
      } else {
        rejections.add((Rejection) made);
      }
    }
    return new ReadResult(out, rejections, skipped);
  }

  private static Object convert(String text, String location, String raw) {
    int control = Text.firstControl(text);
    if (control >= 0) {
      return new Rejection(
          location,
          RejectionCodes.TEXT_CONTROL_CHARACTER,
          "the line contains the control character " + Text.describeControl(text, control),
          raw);
    }
    ObservableType type = null;
    String value = text;
    for (ObservableType t : BY_TOKEN_LENGTH) {
      String prefix = t.token() + ":";
      if (text.regionMatches(true, 0, prefix, 0, prefix.length())) {
        type = t;
        value = text.substring(prefix.length()).strip();
        break;
      }
    }
    if (value.isEmpty()) {
      return new Rejection(
          location,
          RejectionCodes.TEXT_EMPTY_VALUE,
          "the type prefix '" + type + ":' is followed by no value",
          raw);
    }
    if (type != ObservableType.WINDOWS_REGISTRY_KEY && Text.hasWhitespace(value)) {
      return new Rejection(
          location,
          RejectionCodes.TEXT_EMBEDDED_WHITESPACE,
          "the line holds more than one word; write one value per line"
              + " (a comment after a value starts with ' #')",
          raw);
    }
    return new RawObservable(
        type, value, null, null, List.of(), null, null, true, location, Map.of());
  }

  private static String stripTrailingComment(String text) {
    for (int i = 1; i < text.length(); i++) {
      if (text.charAt(i) == '#' && (text.charAt(i - 1) == ' ' || text.charAt(i - 1) == '\t')) {
        return text.substring(0, i).strip();
      }
    }
    return text;
  }
}
