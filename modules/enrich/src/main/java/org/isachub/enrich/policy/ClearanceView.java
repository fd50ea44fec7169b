package org.isachub.enrich.policy;

import java.time.Instant;
import java.util.List;
import org.isachub.enrich.model.Tlp;
import org.isachub.enrich.score.Score;
import org.jspecify.annotations.Nullable;

/**
 * An indicator as one audience may see it: everything here is derived only from material visible to
 * that audience.
 *
 * @param key the canonical observable key
 * @param audience who this view is for
 * @param marking the highest TLP among the visible contributions and sightings: the marking of
 *     whatever is delivered from this view
 * @param sources the visible sources, ordered by label, then strongest evidence first
 * @param sightings the visible sighting reports, counted
 * @param firstSeen the earliest first-seen of the visible contributions and sightings
 * @param lastSeen the latest last-seen of the visible contributions and sightings
 * @param score the score computed from visible material only
 * @param decision the decision as this audience sees it
 * @param nextCrossing when this view's state next changes by decay or {@code valid_until}, or null
 */
public record ClearanceView(
    String key,
    Audience audience,
    Tlp marking,
    List<VisibleSource> sources,
    SightingSummary sightings,
    Instant firstSeen,
    Instant lastSeen,
    Score score,
    Decision decision,
    @Nullable Instant nextCrossing) {

  /** Copies the source list. */
  public ClearanceView {
    sources = List.copyOf(sources);
  }
}
