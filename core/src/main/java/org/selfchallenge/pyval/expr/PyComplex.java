package org.selfchallenge.pyval.expr;

/** A Python complex number (literals such as {@code 1j}, calculator results such as {@code (-2) ** 0.5}). */
public record PyComplex(double real, double imag) {
}
