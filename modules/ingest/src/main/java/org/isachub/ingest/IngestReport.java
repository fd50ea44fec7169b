package org.isachub.ingest;

import java.util.List;

/**
 * What the hub did with one request, returned only after Kafka acknowledged every write.
 *
 * @param submissionId the id shared by every record and dead letter of the request
 * @param objects the outcome of every object that was accepted, merged or rejected, in input order
 *     (sightings after indicators for STIX)
 * @param accepted records written (indicators, revocations and sightings)
 * @param duplicates objects merged into an earlier one of the same request
 * @param rejected objects refused and dead-lettered
 * @param context objects used only as context and not submitted (identities and markings of a
 *     bundle, MISP attributes without {@code to_ids})
 * @param skipped objects passed over on purpose (other STIX object types, comment and header lines,
 *     unmapped MISP attribute types)
 */
public record IngestReport(
    String submissionId,
    List<ObjectOutcome> objects,
    int accepted,
    int duplicates,
    int rejected,
    int context,
    int skipped) {

  /** Copies the outcomes. */
  public IngestReport {
    objects = List.copyOf(objects);
  }

  /**
   * The outcomes with one status.
   *
   * @param status the status
   * @return those outcomes, in order
   */
  public List<ObjectOutcome> withStatus(ObjectStatus status) {
    return objects.stream().filter(o -> o.status() == status).toList();
  }
}
