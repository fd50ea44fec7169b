package org.isachub.enrich.model;

import java.util.regex.Pattern;

/**
 * A canonical observable key {@code type:value}, split into its observable type and value.
 *
 * <p>The type is everything before the first colon, so {@code file:sha256:ab…} has type {@code
 * file} and value {@code sha256:ab…}, and {@code ipv6-addr:2001:db8::1} has value {@code
 * 2001:db8::1}.
 *
 * @param type the observable type, e.g. {@code ipv4-addr}, {@code domain-name}, {@code file}
 * @param value the canonical value after the first colon
 */
public record ObservableKey(String type, String value) {

  private static final Pattern TYPE = Pattern.compile("[a-z0-9][a-z0-9-]*");

  /** Validates the parts; see {@link #parse(String)} for the rules. */
  public ObservableKey {
    if (!TYPE.matcher(type).matches()) {
      throw new IllegalArgumentException(
          "observable type must be lower-case letters, digits and '-', got '" + type + "'");
    }
    if (value.isEmpty()) {
      throw new IllegalArgumentException("observable key '" + type + ":' has an empty value");
    }
  }

  /**
   * Splits a canonical key at its first colon.
   *
   * @throws IllegalArgumentException when the key has no colon, a malformed type or an empty value
   */
  public static ObservableKey parse(String key) {
    int colon = key.indexOf(':');
    if (colon < 0) {
      throw new IllegalArgumentException(
          "observable key must look like 'type:value', got '" + key + "'");
    }
    return new ObservableKey(key.substring(0, colon), key.substring(colon + 1));
  }

  /** The key as {@code type:value}. */
  @Override
  public String toString() {
    return type + ":" + value;
  }
}
