package org.selfchallenge.env.calculation;

/** travel_itinerary_planning's {@code min}: Python's builtin {@code min} (see {@link BuiltinExtremeTool}). */
public final class MinTool extends BuiltinExtremeTool {
    public static final String NAME = "min";

    public MinTool() {
        super(NAME, "Finds the minimum value among the given arguments. Accepts variable number of float arguments.",
                "min(*args: float) -> float");
    }
}
