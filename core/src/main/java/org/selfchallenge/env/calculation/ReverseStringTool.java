package org.selfchallenge.env.calculation;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import org.selfchallenge.pyval.PyException;
import org.selfchallenge.pyval.PyTuple;
import org.selfchallenge.pyval.expr.PyOps;

/** {@code reverse_string(s)} = {@code s[::-1]}: str by code point, list and tuple too; else TypeError. */
public final class ReverseStringTool extends PyTool {
    public static final String NAME = "reverse_string";

    public ReverseStringTool() {
        super(NAME, "Reverses a string. Arguments: string (str)", "reverse_string(string: str) -> str",
                null, null, true, "s", STRING);
    }

    @Override
    protected Object invoke(Object[] p, List<Object> extra) {
        Object s = p[0];
        if (s instanceof String str) {
            return new StringBuilder(str).reverse().toString(); // StringBuilder.reverse keeps surrogate pairs
        }
        if (s instanceof List<?> || s instanceof PyTuple) {
            List<Object> r = new ArrayList<>(PyOps.sequenceItems(s));
            Collections.reverse(r);
            return s instanceof PyTuple ? new PyTuple(r) : r;
        }
        if (s instanceof Map) {
            throw new PyException("TypeError", "unhashable type: 'slice'");
        }
        throw new PyException("TypeError", "'" + PyOps.typeName(s) + "' object is not subscriptable");
    }
}
