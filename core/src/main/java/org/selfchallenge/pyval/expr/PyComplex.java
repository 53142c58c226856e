package org.selfchallenge.pyval.expr;

/** A Python complex number (literals such as {@code 1j}, calculator results such as {@code (-2) ** 0.5}). */
public record PyComplex(double real, double imag) {
    /** Python's repr, e.g. {@code (1+2j)}: what a consumer that falls back to toString() should show. */
    @Override
    public String toString() {
        return PyStr.complexRepr(this);
    }
}
