package org.isachub.ingest.read.internal;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.isachub.ingest.read.ObservableType;
import org.jspecify.annotations.Nullable;

/**
 * Which MISP attribute types carry an observable the hub maps, and how to split their values.
 *
 * <pre>
 * ip-src, ip-dst                      ipv4-addr or ipv6-addr (by the presence of ':')
 * ip-src|port, ip-dst|port            the address; the port goes to context
 * hostname|port                       domain-name; the port goes to context
 * domain, hostname                    domain-name
 * domain|ip                           domain-name and ipv4-addr/ipv6-addr: two observables
 * url                                 url
 * uri                                 url when absolute (has "scheme://"); a bare path is skipped
 * link                                url, always context only (a reference, not an indicator)
 * md5, sha1, sha256, sha512           file:md5 … file:sha512
 * filename|md5 … filename|sha512      the hash; the file name goes to context
 * email, email-src, email-dst         email-addr
 * AS                                  autonomous-system
 * mac-address                         mac-addr
 * regkey                              windows-registry-key
 * regkey|value                        windows-registry-key; the data goes to context
 * </pre>
 *
 * Every other type is not mapped: the reader skips it and counts it.
 */
public final class MispTypes {

  /** What MISP type names look like: lower/upper letters, digits, '-', '_', '|', '/' and space. */
  private static final Pattern TYPE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9|/_ -]{0,63}");

  private static final Set<String> MAPPED =
      Set.of(
          "ip-src",
          "ip-dst",
          "ip-src|port",
          "ip-dst|port",
          "hostname|port",
          "domain",
          "hostname",
          "domain|ip",
          "url",
          "uri",
          "link",
          "md5",
          "sha1",
          "sha256",
          "sha512",
          "filename|md5",
          "filename|sha1",
          "filename|sha256",
          "filename|sha512",
          "email",
          "email-src",
          "email-dst",
          "AS",
          "mac-address",
          "regkey",
          "regkey|value");

  private MispTypes() {}

  /**
   * Tells whether the hub maps attributes of this type to observables.
   *
   * @param type a MISP type
   * @return true for the types in the table above
   */
  public static boolean isMapped(String type) {
    return MAPPED.contains(type);
  }

  /**
   * Tells whether a string is shaped like a MISP attribute type name.
   *
   * @param type the type as given
   * @return true when it could be a MISP type
   */
  public static boolean isTypeName(String type) {
    return TYPE_NAME.matcher(type).matches();
  }

  /**
   * Tells whether attributes of this type are context by nature, whatever their {@code to_ids}.
   *
   * @param type a MISP type
   * @return true for {@code link}
   */
  public static boolean isContextOnly(String type) {
    return type.equals("link");
  }

  /**
   * Splits a value of a MISP type into the observables it carries.
   *
   * @param type a MISP type
   * @param value the attribute value, non-empty
   * @return the parts; empty when the type (or this value of it) is not mapped; {@code null} when a
   *     composite value lacks a part
   */
  public static @Nullable List<MispPart> split(String type, String value) {
    switch (type) {
      case "ip-src":
      case "ip-dst":
        return List.of(part(ipType(value), value));
      case "ip-src|port":
      case "ip-dst|port":
        {
          String[] p = pair(value, true);
          return p == null ? null : List.of(part(ipType(p[0]), p[0], "port", p[1]));
        }
      case "hostname|port":
        {
          String[] p = pair(value, true);
          return p == null ? null : List.of(part(ObservableType.DOMAIN_NAME, p[0], "port", p[1]));
        }
      case "domain":
      case "hostname":
        return List.of(part(ObservableType.DOMAIN_NAME, value));
      case "domain|ip":
        {
          String[] p = pair(value, false);
          return p == null
              ? null
              : List.of(part(ObservableType.DOMAIN_NAME, p[0]), part(ipType(p[1]), p[1]));
        }
      case "url":
      case "link":
        return List.of(part(ObservableType.URL, value));
      case "uri":
        return value.contains("://") ? List.of(part(ObservableType.URL, value)) : List.of();
      case "md5":
        return List.of(part(ObservableType.FILE_MD5, value));
      case "sha1":
        return List.of(part(ObservableType.FILE_SHA1, value));
      case "sha256":
        return List.of(part(ObservableType.FILE_SHA256, value));
      case "sha512":
        return List.of(part(ObservableType.FILE_SHA512, value));
      case "filename|md5":
        return fileHash(ObservableType.FILE_MD5, value);
      case "filename|sha1":
        return fileHash(ObservableType.FILE_SHA1, value);
      case "filename|sha256":
        return fileHash(ObservableType.FILE_SHA256, value);
      case "filename|sha512":
        return fileHash(ObservableType.FILE_SHA512, value);
      case "email":
      case "email-src":
      case "email-dst":
        return List.of(part(ObservableType.EMAIL_ADDR, value));
      case "AS":
        return List.of(part(ObservableType.AUTONOMOUS_SYSTEM, value));
      case "mac-address":
        return List.of(part(ObservableType.MAC_ADDR, value));
      case "regkey":
        return List.of(part(ObservableType.WINDOWS_REGISTRY_KEY, value));
      case "regkey|value":
        {
          String[] p = pair(value, false);
          return p == null
              ? null
              : List.of(part(ObservableType.WINDOWS_REGISTRY_KEY, p[0], "registry_value", p[1]));
        }
      default:
        return List.of();
    }
  }

  private static @Nullable List<MispPart> fileHash(ObservableType hash, String value) {
    String[] p = pair(value, false);
    return p == null ? null : List.of(part(hash, p[1], "filename", p[0]));
  }

  /** Splits at the first (or last) '|'; null when there is none or a side is blank. */
  private static String @Nullable [] pair(String value, boolean atLast) {
    int bar = atLast ? value.lastIndexOf('|') : value.indexOf('|');
    if (bar < 0) {
      return null;
    }
    String left = value.substring(0, bar).strip();
    String right = value.substring(bar + 1).strip();
    if (left.isEmpty() || right.isEmpty()) {
      return null;
    }
    return new String[] {left, right};
  }

  private static ObservableType ipType(String ip) {
    return ip.indexOf(':') >= 0 ? ObservableType.IPV6_ADDR : ObservableType.IPV4_ADDR;
  }

  private static MispPart part(ObservableType type, String value) {
    return new MispPart(type, value, Map.of());
  }

  private static MispPart part(ObservableType type, String value, String key, String extra) {
    return new MispPart(type, value, Map.of(key, extra));
  }
}
