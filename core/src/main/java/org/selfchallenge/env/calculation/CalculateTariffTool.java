package org.selfchallenge.env.calculation;

import java.util.List;

import org.selfchallenge.pyval.expr.PyArith;

/**
 * {@code calculate_tariff} = {@code price * tariff_rate / 100}, with Python's operator semantics (int stays int, a float
 * makes a float, {@code /} is true division, {@code str * int} repeats, mismatched types raise TypeError).
 */
public final class CalculateTariffTool extends PyTool {
    public static final String NAME = "calculate_tariff";

    public CalculateTariffTool() {
        super(NAME, "Calculates the trade tariff based on the converted price. Arguments: price (float), tariff_rate (float, in %)",
                "calculate_tariff(price: float, tariff_rate: float) -> float", null, null, true,
                "price", NUMBER, "tariff_rate", NUMBER);
    }

    @Override
    protected Object invoke(Object[] p, List<Object> extra) {
        return PyArith.binary("/", PyArith.binary("*", p[0], p[1]), 100L);
    }
}
