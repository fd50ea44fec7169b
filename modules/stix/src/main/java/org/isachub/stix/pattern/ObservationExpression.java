package org.isachub.stix.pattern;

/**
 * An observation expression: a bracketed comparison or a combination of observation expressions.
 */
public sealed interface ObservationExpression
    permits Observation, ObservationAnd, ObservationOr, FollowedBy, QualifiedObservation {}
