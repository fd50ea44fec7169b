package org.isachub.stix.model;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * STIX identifiers: deterministic ids for objects the hub authors (UUIDv5 under a fixed hub
 * namespace) and random ids for everything else.
 *
 * <p>Thread-safe; all methods are static.
 */
public final class StixIds {

  /**
   * The hub's UUIDv5 namespace. Fixed forever: changing it would change the id of every object the
   * hub has ever emitted. A test pins known outputs.
   */
  public static final UUID HUB_NAMESPACE = UUID.fromString("53d37322-4893-4e09-8a49-3e42924b01dd");

  /** The namespace STIX 2.1 (section 2.9) prescribes for deterministic SCO ids. */
  public static final UUID STIX_SCO_NAMESPACE =
      UUID.fromString("00abedb4-aa42-466c-9c01-fed23315a9b7");

  private static final Pattern TYPE_NAME = Pattern.compile("[a-z][a-z0-9-]{1,248}[a-z0-9]");

  private StixIds() {}

  /**
   * Returns the deterministic id of a hub-authored object: {@code <type>--<UUIDv5>} where the name
   * hashed under {@link #HUB_NAMESPACE} is {@code <stixType> + ":" + canonicalKey} in UTF-8.
   *
   * @param stixType the STIX type, e.g. {@code indicator}
   * @param canonicalKey the canonical key of the object, e.g. {@code ipv4-addr:198.51.100.7}
   * @return the STIX identifier
   */
  public static String deterministic(String stixType, String canonicalKey) {
    requireType(stixType);
    if (canonicalKey.isEmpty()) {
      throw new IllegalArgumentException("canonical key must not be empty");
    }
    return stixType + "--" + uuidV5(HUB_NAMESPACE, stixType + ":" + canonicalKey);
  }

  /** Returns a fresh random id {@code <type>--<UUIDv4>}. */
  public static String random(String stixType) {
    requireType(stixType);
    return stixType + "--" + UUID.randomUUID();
  }

  /**
   * Computes a name-based UUID version 5 (SHA-1) per RFC 9562 section 5.5.
   *
   * @param namespace the namespace UUID
   * @param name the name, hashed as UTF-8
   * @return the UUID
   */
  public static UUID uuidV5(UUID namespace, String name) {
    MessageDigest sha1;
    try {
      sha1 = MessageDigest.getInstance("SHA-1");
    } catch (NoSuchAlgorithmException e) {
      // Every Java platform must provide SHA-1.
      throw new IllegalStateException("SHA-1 unavailable", e);
    }
    ByteBuffer ns = ByteBuffer.allocate(16);
    ns.putLong(namespace.getMostSignificantBits()).putLong(namespace.getLeastSignificantBits());
    sha1.update(ns.array());
    byte[] hash = sha1.digest(name.getBytes(StandardCharsets.UTF_8));
    // Keep the first 128 bits, then set version (0101) and variant (10) bits.
    hash[6] = (byte) ((hash[6] & 0x0f) | 0x50);
    hash[8] = (byte) ((hash[8] & 0x3f) | 0x80);
    ByteBuffer bytes = ByteBuffer.wrap(hash, 0, 16);
    return new UUID(bytes.getLong(), bytes.getLong());
  }

  /** Returns the type part of a STIX id ({@code indicator} for {@code indicator--…}), or "". */
  public static String typeOf(String id) {
    int sep = id.indexOf("--");
    return sep < 0 ? "" : id.substring(0, sep);
  }

  private static void requireType(String stixType) {
    if (!TYPE_NAME.matcher(stixType).matches() || stixType.contains("--")) {
      throw new IllegalArgumentException("not a STIX type name: '" + stixType + "'");
    }
  }
}
