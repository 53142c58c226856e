package org.selfchallenge.pyval.expr;

import java.util.List;

/**
 * A Python set from a literal. Elements are kept in insertion order; CPython prints sets in hash-table
 * order (randomised for str), so {@code str()} of a set can differ from CPython's, a documented limit.
 */
public record PySet(List<Object> items) {
    public PySet {
        items = java.util.Collections.unmodifiableList(new java.util.ArrayList<>(items));
    }

    /** Python's repr ({@code {1, 2}}, {@code set()}). */
    @Override
    public String toString() {
        return PyStr.repr(this);
    }
}
