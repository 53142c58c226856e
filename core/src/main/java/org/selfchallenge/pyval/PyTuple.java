package org.selfchallenge.pyval;

import java.util.List;

/** A Python tuple: immutable, printed {@code (a, b)} / {@code (a,)}, JSON-encoded as a list. */
public record PyTuple(List<Object> items) {
    public PyTuple {
        items = java.util.Collections.unmodifiableList(new java.util.ArrayList<>(items));
    }

    public static PyTuple of(Object... items) {
        return new PyTuple(java.util.Arrays.asList(items));
    }
}
