package org.isachub.stix.pattern;

/**
 * An observation expression with one qualifier; several qualifiers nest, the last written
 * outermost.
 *
 * @param expression the qualified expression
 * @param qualifier the qualifier applied to it
 */
public record QualifiedObservation(ObservationExpression expression, Qualifier qualifier)
    implements ObservationExpression {}
