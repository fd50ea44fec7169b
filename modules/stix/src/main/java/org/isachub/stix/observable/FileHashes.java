package org.isachub.stix.observable;

import java.util.Optional;
import org.isachub.stix.pattern.HashAlgorithm;

/** File hashes as {@code <algorithm key name>:<value>}, for example {@code sha256:9f86…}. */
final class FileHashes {
  private FileHashes() {}

  /**
   * Canonicalises a hash given with its algorithm.
   *
   * @return {@code keyName:value} with the value in canonical spelling
   */
  static String canonical(HashAlgorithm algorithm, String raw) throws ObservableException {
    String problem = algorithm.formatProblem(raw);
    if (problem != null) {
      throw new ObservableException(ObservableException.BAD_HASH, problem);
    }
    return algorithm.keyName() + ":" + algorithm.normaliseValue(raw);
  }

  /**
   * Canonicalises {@code algorithm:value} or a bare value whose algorithm follows from its form.
   *
   * <p>Bare hex values are read by length as MD5 (32), SHA-1 (40), SHA-256 (64) or SHA-512 (128);
   * SHA3 values must name their algorithm because they share lengths with SHA-2.
   */
  static String canonical(String raw) throws ObservableException {
    int colon = raw.indexOf(':');
    if (colon > 0) {
      Optional<HashAlgorithm> named = HashAlgorithm.fromName(raw.substring(0, colon));
      if (named.isPresent()) {
        return canonical(named.get(), raw.substring(colon + 1));
      }
    }
    Optional<HashAlgorithm> guessed = guess(raw);
    if (guessed.isEmpty()) {
      throw new ObservableException(
          ObservableException.BAD_HASH,
          "'"
              + Addresses.shorten(raw)
              + "' is not an MD5, SHA-1, SHA-256, SHA-512, SSDEEP or TLSH value; prefix other"
              + " algorithms with their name, as in sha3-256:<hex>");
    }
    return canonical(guessed.get(), raw);
  }

  /** Returns the algorithm a bare value's form implies, if any. */
  static Optional<HashAlgorithm> guess(String raw) {
    for (HashAlgorithm a :
        new HashAlgorithm[] {
          HashAlgorithm.MD5,
          HashAlgorithm.SHA1,
          HashAlgorithm.SHA256,
          HashAlgorithm.SHA512,
          HashAlgorithm.TLSH,
          HashAlgorithm.SSDEEP
        }) {
      if (a.formatProblem(raw) == null) {
        return Optional.of(a);
      }
    }
    return Optional.empty();
  }
}
