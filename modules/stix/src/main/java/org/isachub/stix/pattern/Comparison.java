package org.isachub.stix.pattern;

/**
 * One comparison, {@code object-type:path [NOT] operator constant}.
 *
 * @param path the object path on the left
 * @param negated whether {@code NOT} precedes the operator
 * @param operator the comparison operator
 * @param value the constant on the right; a {@link SetConstant} exactly when the operator is {@link
 *     ComparisonOperator#IN}
 */
public record Comparison(
    ObjectPath path, boolean negated, ComparisonOperator operator, Constant value)
    implements ComparisonExpression {}
