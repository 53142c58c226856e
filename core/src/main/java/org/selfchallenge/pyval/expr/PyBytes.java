package org.selfchallenge.pyval.expr;

import java.util.Arrays;

/** A Python bytes literal ({@code b'..'}); produced only by parsing answers. */
public record PyBytes(byte[] data) {
    @Override
    public boolean equals(Object o) {
        return o instanceof PyBytes b && Arrays.equals(data, b.data);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return PyStr.bytesRepr(data); // Python's repr, b'...'
    }
}
