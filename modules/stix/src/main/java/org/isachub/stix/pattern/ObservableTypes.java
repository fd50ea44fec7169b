package org.isachub.stix.pattern;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The object types a pattern may name: the STIX 2.1 cyber-observable types and custom types.
 *
 * <p>Custom types start with {@code x-} and follow the STIX type-name rules (lower-case ASCII
 * letters, digits and hyphens, 3 to 250 characters). One legacy name is accepted as an alias:
 * {@code win-registry-key}, which the STIX 2.1 specification's own pattern examples still use for
 * {@code windows-registry-key}.
 */
public final class ObservableTypes {

  /** The cyber-observable object types defined by STIX 2.1. */
  public static final Set<String> STANDARD =
      Set.of(
          "artifact",
          "autonomous-system",
          "directory",
          "domain-name",
          "email-addr",
          "email-message",
          "file",
          "ipv4-addr",
          "ipv6-addr",
          "mac-addr",
          "mutex",
          "network-traffic",
          "process",
          "software",
          "url",
          "user-account",
          "windows-registry-key",
          "x509-certificate");

  private static final Map<String, String> ALIASES =
      Map.of("win-registry-key", "windows-registry-key");

  private ObservableTypes() {}

  /**
   * Returns the canonical name of an object type a pattern may use.
   *
   * @param type the type as written
   * @return the standard name (aliases resolved) or the custom name, or empty when not allowed
   */
  public static Optional<String> canonicalName(String type) {
    if (STANDARD.contains(type)) {
      return Optional.of(type);
    }
    String alias = ALIASES.get(type);
    if (alias != null) {
      return Optional.of(alias);
    }
    return isCustom(type) ? Optional.of(type) : Optional.empty();
  }

  /**
   * Returns whether {@code type} is a well-formed custom type name such as {@code x-usb-device}.
   */
  public static boolean isCustom(String type) {
    if (!type.startsWith("x-") || type.length() < 3 || type.length() > 250) {
      return false;
    }
    for (int i = 0; i < type.length(); i++) {
      char c = type.charAt(i);
      if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) {
        return false;
      }
    }
    return !type.contains("--") && !type.endsWith("-");
  }
}
