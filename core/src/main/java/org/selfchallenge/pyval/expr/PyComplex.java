package org.selfchallenge.pyval.expr;


/** A Python complex number; only produced by literals ({@code 1j}, {@code 1+2j}) in this port. */
public record PyComplex(double real, double imag) {
}
