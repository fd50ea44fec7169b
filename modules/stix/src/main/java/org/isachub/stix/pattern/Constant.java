package org.isachub.stix.pattern;

/** A constant on the right-hand side of a comparison. */
public sealed interface Constant
    permits StringConstant,
        IntConstant,
        FloatConstant,
        BoolConstant,
        HexConstant,
        BinaryConstant,
        TimestampConstant,
        SetConstant {}
