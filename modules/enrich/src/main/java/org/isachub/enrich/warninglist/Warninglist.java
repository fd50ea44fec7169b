package org.isachub.enrich.warninglist;

import java.util.List;
import java.util.regex.Pattern;

/**
 * A named list of known-benign observables of one kind, with canonical entries.
 *
 * @param name the list name reported on a match, e.g. {@code iana-ipv4-special-purpose}
 * @param kind what the entries are
 * @param origin where the list was loaded from (a file or resource name), for messages
 * @param entries the canonical entries, in file order, without duplicates
 */
public record Warninglist(String name, WarninglistKind kind, String origin, List<String> entries) {

  private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,99}");

  /** Checks the name and copies the entries. */
  public Warninglist {
    if (!NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "warninglist name must be 1 to 100 lower-case letters, digits, '.', '_' or '-' starting"
              + " with a letter or digit, got '"
              + name
              + "'");
    }
    entries = List.copyOf(entries);
  }

  /** Whether {@code name} is a valid warninglist name. */
  static boolean isValidName(String name) {
    return NAME.matcher(name).matches();
  }
}
