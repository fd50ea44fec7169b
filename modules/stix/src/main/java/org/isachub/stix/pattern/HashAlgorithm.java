package org.isachub.stix.pattern;

import java.util.Locale;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The hash algorithms of the STIX 2.1 {@code hash-algorithm-ov} vocabulary and their value formats.
 *
 * <p>Names are looked up leniently ({@code SHA-256}, {@code sha256} and {@code Sha_256} are one
 * algorithm) because producers spell them all ways; {@link #stixName()} is the vocabulary term.
 */
public enum HashAlgorithm {
  /** MD5, 32 hex digits. */
  MD5("MD5", "md5", 32),
  /** SHA-1, 40 hex digits. */
  SHA1("SHA-1", "sha1", 40),
  /** SHA-256, 64 hex digits. */
  SHA256("SHA-256", "sha256", 64),
  /** SHA-512, 128 hex digits. */
  SHA512("SHA-512", "sha512", 128),
  /** SHA3-256, 64 hex digits. */
  SHA3_256("SHA3-256", "sha3-256", 64),
  /** SHA3-512, 128 hex digits. */
  SHA3_512("SHA3-512", "sha3-512", 128),
  /** SSDEEP fuzzy hash, {@code blocksize:hash:hash}. */
  SSDEEP("SSDEEP", "ssdeep", 0),
  /** TLSH locality-sensitive hash, 70 hex digits with an optional {@code T1} version prefix. */
  TLSH("TLSH", "tlsh", 0);

  private static final java.util.regex.Pattern SSDEEP_FORMAT =
      java.util.regex.Pattern.compile(
          "([1-9][0-9]{0,9}):([A-Za-z0-9+/]{0,64}):([A-Za-z0-9+/]{0,64})");

  private final String stixName;
  private final String keyName;
  private final int hexLength;

  HashAlgorithm(String stixName, String keyName, int hexLength) {
    this.stixName = stixName;
    this.keyName = keyName;
    this.hexLength = hexLength;
  }

  /** Returns the vocabulary term, for example {@code SHA-256}. */
  public String stixName() {
    return stixName;
  }

  /** Returns the lower-case name used in observable keys, for example {@code sha256}. */
  public String keyName() {
    return keyName;
  }

  /** Returns the number of hex digits of a value, or 0 when the value is not fixed-length hex. */
  public int hexLength() {
    return hexLength;
  }

  /**
   * Looks an algorithm up by name, ignoring case, hyphens, underscores and spaces.
   *
   * @param name a spelling such as {@code SHA-256}, {@code sha256} or {@code md5}
   * @return the algorithm, or empty for a custom or unknown name
   */
  public static Optional<HashAlgorithm> fromName(String name) {
    if (name.length() > 16) {
      return Optional.empty();
    }
    StringBuilder squashed = new StringBuilder(name.length());
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (c != '-' && c != '_' && c != ' ') {
        squashed.append(Character.toUpperCase(c));
      }
    }
    return switch (squashed.toString()) {
      case "MD5" -> Optional.of(MD5);
      case "SHA1" -> Optional.of(SHA1);
      case "SHA256" -> Optional.of(SHA256);
      case "SHA512" -> Optional.of(SHA512);
      case "SHA3256" -> Optional.of(SHA3_256);
      case "SHA3512" -> Optional.of(SHA3_512);
      case "SSDEEP" -> Optional.of(SSDEEP);
      case "TLSH" -> Optional.of(TLSH);
      default -> Optional.empty();
    };
  }

  /**
   * Checks a value against this algorithm's format.
   *
   * @param value the hash value as written
   * @return a sentence saying what is wrong, or {@code null} when the value is well-formed
   */
  public @Nullable String formatProblem(String value) {
    if (hexLength > 0) {
      return value.length() == hexLength && isHex(value, 0)
          ? null
          : stixName + " value must be " + hexLength + " hex digits";
    }
    if (this == TLSH) {
      boolean ok =
          (value.length() == 70 && isHex(value, 0))
              || (value.length() == 72
                  && (value.startsWith("T1") || value.startsWith("t1"))
                  && isHex(value, 2));
      return ok ? null : "TLSH value must be 70 hex digits, optionally after a T1 prefix";
    }
    var m = SSDEEP_FORMAT.matcher(value);
    if (!m.matches()) {
      return "SSDEEP value must be blocksize:hash:hash with base64 hash parts";
    }
    long blockSize = Long.parseLong(m.group(1));
    // Block sizes are 3 times a power of two; anything else cannot come out of the algorithm.
    if (blockSize % 3 != 0 || Long.bitCount(blockSize / 3) != 1) {
      return "SSDEEP block size must be 3 times a power of two";
    }
    return null;
  }

  /**
   * Returns the canonical spelling of a well-formed value: lower-case hex, SSDEEP unchanged.
   *
   * @param value a value for which {@link #formatProblem(String)} returned {@code null}
   */
  public String normaliseValue(String value) {
    return this == SSDEEP ? value : value.toLowerCase(Locale.ROOT);
  }

  private static boolean isHex(String s, int from) {
    for (int i = from; i < s.length(); i++) {
      char c = s.charAt(i);
      if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'))) {
        return false;
      }
    }
    return true;
  }
}
