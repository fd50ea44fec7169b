package org.isachub.ingest.read;

import java.util.Locale;
import org.jspecify.annotations.Nullable;

/** The observable types a reader may hint at; the canonicaliser decides the final type. */
public enum ObservableType {
  IPV4_ADDR("ipv4-addr"),
  IPV6_ADDR("ipv6-addr"),
  DOMAIN_NAME("domain-name"),
  URL("url"),
  FILE_MD5("file:md5"),
  FILE_SHA1("file:sha1"),
  FILE_SHA256("file:sha256"),
  FILE_SHA512("file:sha512"),
  EMAIL_ADDR("email-addr"),
  AUTONOMOUS_SYSTEM("autonomous-system"),
  MAC_ADDR("mac-addr"),
  WINDOWS_REGISTRY_KEY("windows-registry-key");

  private final String token;

  ObservableType(String token) {
    this.token = token;
  }

  /**
   * Returns the stable token for this type, as used in feeds and canonical keys.
   *
   * @return the token, e.g. {@code ipv4-addr} or {@code file:sha256}
   */
  public String token() {
    return token;
  }

  /**
   * Looks a type up by its token, ignoring ASCII case and surrounding whitespace.
   *
   * @param token a token such as {@code domain-name}
   * @return the type, or {@code null} when the token names none
   */
  public static @Nullable ObservableType fromToken(String token) {
    String t = token.strip().toLowerCase(Locale.ROOT);
    for (ObservableType type : values()) {
      if (type.token.equals(t)) {
        return type;
      }
    }
    return null;
  }

  @Override
  public String toString() {
    return token;
  }
}
