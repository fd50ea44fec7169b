package org.isachub.ingest.adapt;

import java.util.List;
import org.isachub.ingest.ObjectOutcome;
import org.isachub.wire.avro.Sighting;
import org.isachub.wire.avro.Submission;

/**
 * What an adapter made of one request: the records to write (each passed {@link
 * org.isachub.wire.validate.RecordChecks}), the objects refused, and the outcome of every object.
 *
 * @param submissions indicator and revocation records, keyed by their {@code key}
 * @param sightings sighting records, keyed by their {@code key}
 * @param rejected the refused objects, for the dead-letter topic
 * @param outcomes the outcome of every accepted, merged or refused object, in input order
 * @param context objects used as context only
 * @param skipped objects passed over on purpose
 */
public record Adapted(
    List<Submission> submissions,
    List<Sighting> sightings,
    List<Rejected> rejected,
    List<ObjectOutcome> outcomes,
    int context,
    int skipped) {

  /** Copies the lists. */
  public Adapted {
    submissions = List.copyOf(submissions);
    sightings = List.copyOf(sightings);
    rejected = List.copyOf(rejected);
    outcomes = List.copyOf(outcomes);
  }
}
