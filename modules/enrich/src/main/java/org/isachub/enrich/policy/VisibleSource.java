package org.isachub.enrich.policy;

import java.time.Instant;
import org.isachub.enrich.model.Tlp;

/**
 * One source as an audience sees it, merged over the source's contributions visible to it.
 *
 * @param label the source id, or {@value ClearancePolicy#ANONYMOUS_LABEL} when any of its visible
 *     contributions asks for anonymity
 * @param tlp the highest marking among its visible contributions
 * @param reliability {@code r} of its strongest visible contribution
 * @param confidence {@code c} of its strongest visible contribution
 * @param evidence what it adds to the corroboration: {@code r·c/100} of its strongest live
 *     contribution, 0 when it withdrew everything visible
 * @param firstSeen the earliest first-seen of its visible contributions
 * @param lastSeen the latest last-seen of its visible contributions
 * @param withdrawn whether every visible contribution of the source is withdrawn
 */
public record VisibleSource(
    String label,
    Tlp tlp,
    double reliability,
    int confidence,
    double evidence,
    Instant firstSeen,
    Instant lastSeen,
    boolean withdrawn) {}
