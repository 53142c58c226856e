package org.selfchallenge.env.calculation;

/** message_decoder's {@code maximum_value(*args)} = {@code max(args)} (see {@link ExtremeTool}). */
public final class MaximumValueTool extends ExtremeTool {
    public static final String NAME = "maximum_value";

    public MaximumValueTool() {
        super(NAME, "Finds the maximum value from given arguments. Arguments: *args (variable number of arguments)",
                "maximum_value(*args) -> int/float", true);
    }
}
