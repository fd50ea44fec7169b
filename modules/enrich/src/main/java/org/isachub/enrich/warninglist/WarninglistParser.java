package org.isachub.enrich.warninglist;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads warninglist text files.
 *
 * <p>The format, line by line (UTF-8):
 *
 * <ul>
 *   <li>blank lines are ignored; {@code #} starts a comment when it begins the line or follows
 *       whitespace;
 *   <li>the first other line is the header {@code warninglist <name> <kind>}, where {@code kind} is
 *       {@code cidr}, {@code domain}, {@code domain-suffix}, {@code url-prefix} or {@code hash};
 *   <li>every following line is one entry, without whitespace inside it.
 * </ul>
 *
 * Entries are checked for their kind and stored in canonical form; a duplicate entry is an error.
 * Stateless and thread-safe.
 */
public final class WarninglistParser {

  private WarninglistParser() {}

  /**
   * Parses one list.
   *
   * @param origin the file or resource name, used in error messages
   * @param reader the text
   * @throws WarninglistFormatException naming origin, line and reason for the first problem
   * @throws IOException when reading fails
   */
  public static Warninglist parse(String origin, Reader reader) throws IOException {
    BufferedReader lines = reader instanceof BufferedReader b ? b : new BufferedReader(reader);
    List<String> all = new ArrayList<>();
    for (String line = lines.readLine(); line != null; line = lines.readLine()) {
      all.add(line);
    }
    return parse(origin, all);
  }

  /**
   * Parses one list from its lines.
   *
   * @throws WarninglistFormatException naming origin, line and reason for the first problem
   */
  public static Warninglist parse(String origin, List<String> lines) {
    String name = null;
    WarninglistKind kind = null;
    List<String> entries = new ArrayList<>();
    Map<String, Integer> firstLine = new HashMap<>();
    for (int i = 0; i < lines.size(); i++) {
      int lineNo = i + 1;
      String text = stripComment(lines.get(i)).strip();
      if (i == 0 && text.startsWith("\uFEFF")) {
        text = text.substring(1).strip();
      }
      if (text.isEmpty()) {
        continue;
      }
      if (kind == null) {
        String[] words = text.split("\\s+");
        if (words.length != 3 || !words[0].equals("warninglist")) {
          throw new WarninglistFormatException(
              origin,
              lineNo,
              "expected the header 'warninglist <name> <kind>' before any entry, got '"
                  + text
                  + "'");
        }
        if (!Warninglist.isValidName(words[1])) {
          throw new WarninglistFormatException(
              origin,
              lineNo,
              "list name must be lower-case letters, digits, '.', '_' or '-', got '"
                  + words[1]
                  + "'");
        }
        name = words[1];
        kind =
            WarninglistKind.fromToken(words[2])
                .orElseThrow(
                    () ->
                        new WarninglistFormatException(
                            origin,
                            lineNo,
                            "unknown list kind '"
                                + words[2]
                                + "' (expected cidr, domain, domain-suffix, url-prefix or hash)"));
        continue;
      }
      if (text.chars().anyMatch(Character::isWhitespace)) {
        throw new WarninglistFormatException(
            origin, lineNo, "one entry per line, but '" + text + "' contains whitespace");
      }
      String entry;
      try {
        entry = Entries.canonical(kind, text);
      } catch (IllegalArgumentException e) {
        throw new WarninglistFormatException(origin, lineNo, e.getMessage());
      }
      Integer previous = firstLine.putIfAbsent(entry, lineNo);
      if (previous != null) {
        throw new WarninglistFormatException(
            origin, lineNo, "duplicate entry '" + entry + "' (first on line " + previous + ")");
      }
      entries.add(entry);
    }
    if (kind == null) {
      throw new WarninglistFormatException(
          origin, Math.max(1, lines.size()), "no header line 'warninglist <name> <kind>'");
    }
    return new Warninglist(name, kind, origin, entries);
  }

  /** Cuts a comment: '#' at the start or after whitespace (URLs and hashes never hold either). */
  private static String stripComment(String line) {
    for (int i = 0; i < line.length(); i++) {
      if (line.charAt(i) == '#' && (i == 0 || Character.isWhitespace(line.charAt(i - 1)))) {
        return line.substring(0, i);
      }
    }
    return line;
  }
}
