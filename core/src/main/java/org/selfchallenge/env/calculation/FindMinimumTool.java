package org.selfchallenge.env.calculation;

/** trade_calculator's {@code find_minimum(*args)} = {@code min(args)} (see {@link ExtremeTool}). */
public final class FindMinimumTool extends ExtremeTool {
    public static final String NAME = "find_minimum";

    public FindMinimumTool() {
        super(NAME, "Finds the minimum value among the given arguments. Accepts variable number of float arguments.",
                "find_minimum(*args: float) -> float", false);
    }
}
