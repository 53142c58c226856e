package org.selfchallenge.env.calculation;

import java.util.List;
import java.util.Map;

import org.selfchallenge.pyval.PyException;
import org.selfchallenge.pyval.expr.PyBuiltins;

/**
 * travel_itinerary_planning exposes Python builtins directly: {@code max} and {@code min} are the
 * builtins themselves (one argument is iterated, several compared, {@code key}/{@code default}
 * keywords), and {@code sum} is {@code lambda *args: sum(args)} (start 0, sequential addition).
 */
public final class BuiltinTool extends PyTool {
    private final String builtin;

    private BuiltinTool(String name, String description, String signature) {
        super(name, description, signature, "args", NUMBER, true);
        this.builtin = name;
    }

    public static BuiltinTool max() {
        return new BuiltinTool("max", "Finds the maximum value among the given arguments. Accepts variable number of float arguments.",
                "max(*args: float) -> float");
    }

    public static BuiltinTool min() {
        return new BuiltinTool("min", "Finds the minimum value among the given arguments. Accepts variable number of float arguments.",
                "min(*args: float) -> float");
    }

    public static BuiltinTool sum() {
        return new BuiltinTool("sum", "Sums the given arguments. Accepts variable number of float arguments.",
                "sum(*args: float) -> float");
    }

    @Override
    protected String qualname() {
        return builtin.equals("sum") ? "<lambda>" : builtin;
    }

    @Override
    public Object call(List<Object> args, Map<String, Object> kwargs) {
        if (builtin.equals("sum")) {
            return super.call(args, kwargs);
        }
        return PyBuiltins.minMax(builtin, args, kwargs);
    }

    @Override
    protected Object invoke(Object[] p, List<Object> args) {
        if (!builtin.equals("sum")) {
            throw new PyException("TypeError", "unreachable");
        }
        return PyBuiltins.sum(args, 0L);
    }
}
