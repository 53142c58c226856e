package org.selfchallenge.env.calculation;

/** travel_itinerary_planning's {@code max}: Python's builtin {@code max} (see {@link BuiltinExtremeTool}). */
public final class MaxTool extends BuiltinExtremeTool {
    public static final String NAME = "max";

    public MaxTool() {
        super(NAME, "Finds the maximum value among the given arguments. Accepts variable number of float arguments.",
                "max(*args: float) -> float");
    }
}
