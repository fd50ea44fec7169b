package org.isachub.enrich.model;

import java.time.Instant;
import java.util.Set;

/**
 * One member's sighting report of an indicator (a STIX sighting), possibly a false-positive report.
 *
 * @param memberId the reporting member
 * @param tlp the TLP marking of the report
 * @param recipients the member ids an AMBER+STRICT or RED report is shared with; ignored otherwise
 * @param count how many times the member saw it in this report, at least 1
 * @param falsePositive whether the member reports the indicator as a false positive
 * @param firstSeen when the member first saw it
 * @param lastSeen when the member last saw it; not before {@code firstSeen}
 */
public record Sighting(
    String memberId,
    Tlp tlp,
    Set<String> recipients,
    int count,
    boolean falsePositive,
    Instant firstSeen,
    Instant lastSeen) {

  /** Validates the fields and makes the recipients an immutable sorted set. */
  public Sighting {
    if (memberId.isBlank()) {
      throw new IllegalArgumentException("sighting member id must not be blank");
    }
    if (count < 1) {
      throw new IllegalArgumentException(
          "sighting count must be at least 1, got " + count + " from " + memberId);
    }
    if (lastSeen.isBefore(firstSeen)) {
      throw new IllegalArgumentException(
          "sighting from "
              + memberId
              + " has last seen "
              + lastSeen
              + " before first seen "
              + firstSeen);
    }
    recipients = Contribution.sortedCopy(recipients, "sighting from " + memberId);
  }

  /** A sighting of {@code count} observations by {@code memberId}, all at {@code at}. */
  public static Sighting of(String memberId, Tlp tlp, int count, Instant at) {
    return new Sighting(memberId, tlp, Set.of(), count, false, at, at);
  }

  /** A false-positive report by {@code memberId} at {@code at}. */
  public static Sighting falsePositive(String memberId, Tlp tlp, Instant at) {
    return new Sighting(memberId, tlp, Set.of(), 1, true, at, at);
  }

  /** This report shared only with {@code ids} under {@code restricted} (AMBER+STRICT or RED). */
  public Sighting restrictedTo(Tlp restricted, Set<String> ids) {
    if (!restricted.isRecipientRestricted()) {
      throw new IllegalArgumentException(
          "restrictedTo needs AMBER+STRICT or RED, got " + restricted.label());
    }
    return new Sighting(memberId, restricted, ids, count, falsePositive, firstSeen, lastSeen);
  }

  /** Whether {@code id} is a named recipient of this recipient-restricted report. */
  public boolean names(String id) {
    return tlp.isRecipientRestricted() && recipients.contains(id);
  }
}
