package org.selfchallenge.env.calculation;

import java.util.List;
import java.util.Map;

import org.selfchallenge.pyval.PyTuple;
import org.selfchallenge.pyval.expr.PyBuiltins;

/**
 * Base of the upstream {@code def f(*args): return min(args)} / {@code max(args)} tools: the arguments
 * tuple is the iterable, so one argument is returned as is, none raises
 * {@code ValueError: min() arg is an empty sequence}, mixed str/number raise TypeError.
 */
abstract class ExtremeTool extends PyTool {
    private final boolean max;

    protected ExtremeTool(String name, String description, String signature, boolean max) {
        super(name, description, signature, "args", ANY, true);
        this.max = max;
    }

    @Override
    protected Object invoke(Object[] p, List<Object> extra) {
        return PyBuiltins.minMax(max ? "max" : "min", List.of(new PyTuple(extra)), Map.of());
    }
}
