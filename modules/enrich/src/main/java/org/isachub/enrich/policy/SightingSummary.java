package org.isachub.enrich.policy;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * The sighting reports an audience may see, counted without naming the members.
 *
 * @param reports visible sighting reports, false positives included
 * @param observations the summed counts of the visible reports that are not false positives
 * @param falsePositiveReports visible false-positive reports
 * @param firstSeen the earliest first-seen of the visible non-false-positive reports, or null
 * @param lastSeen the latest last-seen of the visible non-false-positive reports, or null
 */
public record SightingSummary(
    int reports,
    long observations,
    int falsePositiveReports,
    @Nullable Instant firstSeen,
    @Nullable Instant lastSeen) {}
