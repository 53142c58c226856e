package org.selfchallenge.env.calculation;

/** message_decoder's {@code minimum_value(*args)} = {@code min(args)} (see {@link ExtremeTool}). */
public final class MinimumValueTool extends ExtremeTool {
    public static final String NAME = "minimum_value";

    public MinimumValueTool() {
        super(NAME, "Finds the minimum value from given arguments. Arguments: *args (variable number of arguments)",
                "minimum_value(*args) -> int/float", false);
    }
}
