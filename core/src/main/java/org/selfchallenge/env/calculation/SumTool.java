package org.selfchallenge.env.calculation;

import java.util.List;

import org.selfchallenge.pyval.expr.PyBuiltins;

/**
 * travel_itinerary_planning's {@code sum} = {@code lambda *args: sum(args)}: start 0, sequential
 * left-to-right {@code +} (Python <= 3.11); binding errors name the function {@code <lambda>}.
 */
public final class SumTool extends PyTool {
    public static final String NAME = "sum";

    public SumTool() {
        super(NAME, "Sums the given arguments. Accepts variable number of float arguments.",
                "sum(*args: float) -> float", "args", NUMBER, true);
    }

    @Override
    protected String qualname() {
        return "<lambda>";
    }

    @Override
    protected Object invoke(Object[] p, List<Object> args) {
        return PyBuiltins.sum(args, 0L);
    }
}
