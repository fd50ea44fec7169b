package org.isachub.enrich.topology;

import java.time.Instant;
import org.isachub.wire.avro.Submission;
import org.isachub.wire.avro.Tlp;
import org.jspecify.annotations.Nullable;

/** Public door to the package-private fixtures, for tests in other packages. */
public final class FixturesAccess {

  private FixturesAccess() {}

  /** See {@link Fixtures#indicator}. */
  public static Submission indicator(
      String source, String type, String raw, Tlp tlp, @Nullable Integer confidence, Instant at) {
    return Fixtures.indicator(source, type, raw, tlp, confidence, at);
  }

  /** See {@link Fixtures#revocation}. */
  public static Submission revocation(Submission original, Instant at) {
    return Fixtures.revocation(original, at);
  }
}
