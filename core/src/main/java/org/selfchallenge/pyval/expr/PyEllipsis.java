package org.selfchallenge.pyval.expr;


/** Python's {@code Ellipsis} ({@code ...}), which {@code ast.literal_eval} accepts. */
public enum PyEllipsis {
    INSTANCE;

    @Override
    public String toString() {
        return "Ellipsis";
    }
}
