package org.isachub.bench;

import java.time.Instant;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;
import org.isachub.stix.model.StixTimestamps;
import org.isachub.wire.avro.Submission;
import org.isachub.wire.avro.SubmissionKind;
import org.isachub.wire.avro.Tlp;

/**
 * A generated, repeatable workload of submissions: a mix of observable types (IPv4 addresses,
 * domains, URLs, SHA-256 hashes) reported by several sources, with repeated reports of the same
 * observables and a mix of TLP markings. Records are already canonical, as ingest leaves them.
 *
 * <p>Not thread-safe.
 */
public final class Workload {

  /** The sources that report, with their share of the reports. */
  public static final List<String> SOURCES =
      List.of("feodo", "urlhaus", "vendor-acme", "analyst", "us-pa", "us-az");

  private final SplittableRandom random;
  private final int distinct;
  private final Instant start;

  /**
   * Creates a workload.
   *
   * @param seed random seed, so runs are comparable
   * @param distinct how many distinct observables the reports are about
   * @param start the time the first report is stamped with
   */
  public Workload(long seed, int distinct, Instant start) {
    this.random = new SplittableRandom(seed);
    this.distinct = distinct;
    this.start = start;
  }

  /**
   * The next submission: a random observable out of the distinct set, from a random source.
   *
   * @param sequence the record's number, for its timestamp
   * @return the submission
   */
  public Submission next(long sequence) {
    return submission(random.nextInt(distinct), sequence);
  }

  /**
   * A submission about one numbered observable.
   *
   * @param observable which observable, 0 to distinct-1
   * @param sequence the record's number, for its timestamp
   * @return the submission
   */
  public Submission submission(int observable, long sequence) {
    String source = SOURCES.get(random.nextInt(SOURCES.size()));
    int roll = random.nextInt(100);
    Tlp tlp = roll < 40 ? Tlp.CLEAR : roll < 80 ? Tlp.GREEN : Tlp.AMBER;
    String type;
    String value;
    String pattern;
    switch (observable % 20) {
      case 0, 1, 2, 3, 4, 5, 6, 7 -> {
        type = "ipv4-addr";
        int n = observable;
        value =
            (11 + (n >>> 24) % 200)
                + "."
                + ((n >>> 16) & 255)
                + "."
                + ((n >>> 8) & 255)
                + "."
                + (n & 255);
        pattern = "[ipv4-addr:value = '" + value + "']";
      }
      case 8, 9, 10, 11, 12 -> {
        type = "domain-name";
        value = "c2-" + Integer.toString(observable, 36) + ".bad-domain.net";
        pattern = "[domain-name:value = '" + value + "']";
      }
      case 13, 14, 15, 16 -> {
        type = "url";
        value = "http://dl-" + Integer.toString(observable, 36) + ".bad-host.org/payload.bin";
        pattern = "[url:value = '" + value + "']";
      }
      default -> {
        type = "file";
        value = sha256Like(observable);
        pattern = "[file:hashes.'SHA-256' = '" + value + "']";
      }
    }
    String key = type.equals("file") ? "file:sha256:" + value : type + ":" + value;
    Instant at = start.plusMillis(sequence);
    // A version-4 UUID: version nibble 4, RFC 4122 variant bits 10.
    long high = (random.nextLong() & ~0xF000L) | 0x4000L;
    long low = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
    String id = "indicator--" + new UUID(high, low);
    String ts = StixTimestamps.format(at);
    String stix =
        "{\"type\":\"indicator\",\"spec_version\":\"2.1\",\"id\":\""
            + id
            + "\",\"created\":\""
            + ts
            + "\",\"modified\":\""
            + ts
            + "\",\"pattern\":\""
            + pattern.replace("\\", "\\\\")
            + "\",\"pattern_type\":\"stix\",\"valid_from\":\""
            + ts
            + "\",\"confidence\":"
            + (50 + random.nextInt(50))
            + "}";
    return Submission.newBuilder()
        .setSubmissionId("bench")
        .setObjectId(id)
        .setKind(SubmissionKind.INDICATOR)
        .setKey(key)
        .setObservableType(type)
        .setSource(source)
        .setSubmittedBy(source)
        .setAdapter("avro")
        .setTlp(tlp)
        .setConfidence(null)
        .setValidFrom(at)
        .setSubmittedAt(at)
        .setStix(stix)
        .build();
  }

  private static String sha256Like(int n) {
    StringBuilder hex = new StringBuilder(64);
    long x = n * 0x9E3779B97F4A7C15L;
    while (hex.length() < 64) {
      x ^= x >>> 31;
      x *= 0xBF58476D1CE4E5B9L;
      hex.append(String.format("%016x", x));
    }
    return hex.substring(0, 64);
  }
}
