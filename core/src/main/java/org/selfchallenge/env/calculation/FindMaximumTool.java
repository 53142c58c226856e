package org.selfchallenge.env.calculation;

/** trade_calculator's {@code find_maximum(*args)} = {@code max(args)} (see {@link ExtremeTool}). */
public final class FindMaximumTool extends ExtremeTool {
    public static final String NAME = "find_maximum";

    public FindMaximumTool() {
        super(NAME, "Finds the maximum value among the given arguments. Accepts variable number of float arguments.",
                "find_maximum(*args: float) -> float", true);
    }
}
