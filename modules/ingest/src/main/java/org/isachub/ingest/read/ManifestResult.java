package org.isachub.ingest.read;

import java.time.Instant;
import java.util.List;

/**
 * What a MISP feed manifest lists.
 *
 * @param entries the events, oldest change first (ties by UUID), so a poller can checkpoint as it
 *     goes
 * @param rejections entries that could not be used
 */
public record ManifestResult(List<ManifestEntry> entries, List<Rejection> rejections) {

  /** Copies the lists. */
  public ManifestResult {
    entries = List.copyOf(entries);
    rejections = List.copyOf(rejections);
  }

  /**
   * Lists the events changed after a point in time.
   *
   * @param since the last change already fetched
   * @return the entries with a timestamp strictly after {@code since}, in the same order
   */
  public List<ManifestEntry> changedSince(Instant since) {
    return entries.stream().filter(e -> e.timestamp().isAfter(since)).toList();
  }
}
