package org.isachub.ingest.read;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One event listed in a MISP feed manifest; a poller fetches {@code <eventUuid>.json} when the
 * timestamp is newer than what it has.
 *
 * @param eventUuid the event UUID, lower case (safe to use in a file name)
 * @param timestamp when the event last changed
 * @param info the event title, if given
 * @param date the event date, if given and valid
 * @param threatLevelId MISP threat level 1 (high) to 4 (undefined), if given
 * @param analysis MISP analysis state 0 (initial) to 2 (completed), if given
 * @param tags the event's tag names
 */
public record ManifestEntry(
    String eventUuid,
    Instant timestamp,
    @Nullable String info,
    @Nullable LocalDate date,
    @Nullable Integer threatLevelId,
    @Nullable Integer analysis,
    List<String> tags) {

  /** Checks the fields and copies the tags. */
  public ManifestEntry {
    Objects.requireNonNull(eventUuid, "eventUuid");
    Objects.requireNonNull(timestamp, "timestamp");
    tags = List.copyOf(tags);
  }
}
