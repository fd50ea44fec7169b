package org.isachub.stix.pattern;

/** A comparison expression inside an observation's brackets. */
public sealed interface ComparisonExpression
    permits Comparison, ExistsTest, ComparisonAnd, ComparisonOr {}
