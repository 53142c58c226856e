package org.selfchallenge.env.calculation;

import java.util.List;

import org.selfchallenge.pyval.expr.PyArith;

/**
 * {@code estimate_final_value} = {@code price + tariff}, with Python's operator semantics (int stays int, a float
 * makes a float, {@code /} is true division, {@code str * int} repeats, mismatched types raise TypeError).
 */
public final class EstimateFinalValueTool extends PyTool {
    public static final String NAME = "estimate_final_value";

    public EstimateFinalValueTool() {
        super(NAME, "Estimates the final trade value including the tariff. Arguments: price (float), tariff (float)",
                "estimate_final_value(price: float, tariff: float) -> float", null, null, true,
                "price", NUMBER, "tariff", NUMBER);
    }

    @Override
    protected Object invoke(Object[] p, List<Object> extra) {
        return PyArith.binary("+", p[0], p[1]);
    }
}
