package org.selfchallenge.env.calculation;

import java.util.List;
import java.util.Map;

import org.selfchallenge.pyval.PyTuple;
import org.selfchallenge.pyval.expr.PyBuiltins;

/**
 * The upstream {@code def f(*args): return min(args)} / {@code max(args)} tools
 * ({@code minimum_value}, {@code maximum_value}, {@code find_minimum}, {@code find_maximum}): the
 * arguments tuple is the iterable, so one argument is returned as is, none raises
 * {@code ValueError: min() arg is an empty sequence}, mixed str/number raise TypeError.
 */
public final class ExtremeTool extends PyTool {
    private final boolean max;

    private ExtremeTool(String name, String description, String signature, boolean max) {
        super(name, description, signature, "args", ANY, true);
        this.max = max;
    }

    public static ExtremeTool minimumValue() {
        return new ExtremeTool("minimum_value",
                "Finds the minimum value from given arguments. Arguments: *args (variable number of arguments)",
                "minimum_value(*args) -> int/float", false);
    }

    public static ExtremeTool maximumValue() {
        return new ExtremeTool("maximum_value",
                "Finds the maximum value from given arguments. Arguments: *args (variable number of arguments)",
                "maximum_value(*args) -> int/float", true);
    }

    public static ExtremeTool findMinimum() {
        return new ExtremeTool("find_minimum",
                "Finds the minimum value among the given arguments. Accepts variable number of float arguments.",
                "find_minimum(*args: float) -> float", false);
    }

    public static ExtremeTool findMaximum() {
        return new ExtremeTool("find_maximum",
                "Finds the maximum value among the given arguments. Accepts variable number of float arguments.",
                "find_maximum(*args: float) -> float", true);
    }

    @Override
    protected Object invoke(Object[] p, List<Object> extra) {
        return PyBuiltins.minMax(max ? "max" : "min", List.of(new PyTuple(extra)), Map.of());
    }
}
