package org.isachub.stix.observable;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Windows registry keys as {@code HIVE\path}: the hive spelled out in upper case as STIX requires
 * ({@code HKLM} becomes {@code HKEY_LOCAL_MACHINE}), the rest lower case because the registry
 * compares key names case-insensitively, single backslashes, no trailing backslash.
 */
final class RegistryKeys {
  private static final Map<String, String> HIVES =
      Map.ofEntries(
          Map.entry("HKLM", "HKEY_LOCAL_MACHINE"),
          Map.entry("HKEY_LOCAL_MACHINE", "HKEY_LOCAL_MACHINE"),
          Map.entry("HKCU", "HKEY_CURRENT_USER"),
          Map.entry("HKEY_CURRENT_USER", "HKEY_CURRENT_USER"),
          Map.entry("HKCR", "HKEY_CLASSES_ROOT"),
          Map.entry("HKEY_CLASSES_ROOT", "HKEY_CLASSES_ROOT"),
          Map.entry("HKU", "HKEY_USERS"),
          Map.entry("HKEY_USERS", "HKEY_USERS"),
          Map.entry("HKCC", "HKEY_CURRENT_CONFIG"),
          Map.entry("HKEY_CURRENT_CONFIG", "HKEY_CURRENT_CONFIG"),
          Map.entry("HKPD", "HKEY_PERFORMANCE_DATA"),
          Map.entry("HKEY_PERFORMANCE_DATA", "HKEY_PERFORMANCE_DATA"));

  /** Longest key name Windows allows for one path component. */
  private static final int MAX_NAME = 255;

  private RegistryKeys() {}

  /** Returns whether {@code raw} starts with a known hive followed by a backslash or nothing. */
  static boolean looksLikeKey(String raw) {
    int slash = raw.indexOf('\\');
    String hive = slash < 0 ? raw : raw.substring(0, slash);
    return hive.length() <= 21 && HIVES.containsKey(hive.toUpperCase(Locale.ROOT));
  }

  static String canonical(String raw) throws ObservableException {
    for (int i = 0; i < raw.length(); i++) {
      if (raw.charAt(i) < 0x20) {
        throw bad("registry key contains a control character");
      }
    }
    String[] parts = raw.split("\\\\+", -1);
    String hive = parts[0].length() <= 21 ? HIVES.get(parts[0].toUpperCase(Locale.ROOT)) : null;
    if (hive == null) {
      throw bad(
          "registry key must start with a hive such as HKEY_LOCAL_MACHINE or HKLM, found '"
              + Addresses.shorten(parts[0])
              + "'");
    }
    List<String> names = new ArrayList<>(parts.length);
    names.add(hive);
    for (int i = 1; i < parts.length; i++) {
      String name = parts[i];
      if (name.isEmpty()) {
        continue; // only a trailing backslash leaves an empty part after the split on runs
      }
      if (name.length() > MAX_NAME) {
        throw bad("registry key name is longer than " + MAX_NAME + " characters");
      }
      names.add(name.toLowerCase(Locale.ROOT));
    }
    return String.join("\\", names);
  }

  private static ObservableException bad(String reason) {
    return new ObservableException(ObservableException.BAD_REGISTRY_KEY, reason);
  }
}
