package org.selfchallenge.env.calculation;

import java.util.List;
import java.util.Map;

import org.selfchallenge.pyval.expr.PyBuiltins;

/**
 * travel_itinerary_planning exposes the builtins {@code max} and {@code min} themselves: one argument is
 * iterated, several are compared, {@code key}/{@code default} keywords as CPython.
 */
abstract class BuiltinExtremeTool extends PyTool {
    protected BuiltinExtremeTool(String name, String description, String signature) {
        super(name, description, signature, "args", NUMBER, true);
    }

    @Override
    public Object call(List<Object> args, Map<String, Object> kwargs) {
        return PyBuiltins.minMax(name(), args, kwargs);
    }

    @Override
    protected Object invoke(Object[] p, List<Object> args) {
        return PyBuiltins.minMax(name(), args, Map.of());
    }
}
