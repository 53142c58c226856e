package org.selfchallenge.env.calculation;

import java.util.List;

import org.selfchallenge.pyval.expr.PyBuiltins;

/** {@code string_length(s)} = {@code len(s)} (any sized value; code points for str). */
public final class StringLengthTool extends PyTool {
    public static final String NAME = "string_length";

    public StringLengthTool() {
        super(NAME, "Finds the length of a string. Arguments: string (str)", "string_length(string: str) -> int",
                null, null, true, "s", STRING);
    }

    @Override
    protected Object invoke(Object[] p, List<Object> extra) {
        return PyBuiltins.len(p[0]);
    }
}
