package org.selfchallenge.env.calculation;

import java.util.List;

import org.selfchallenge.pyval.expr.PyArith;

/**
 * {@code convert_currency} = {@code base_price * conversion_rate}, with Python's operator semantics (int stays int, a float
 * makes a float, {@code /} is true division, {@code str * int} repeats, mismatched types raise TypeError).
 */
public final class ConvertCurrencyTool extends PyTool {
    public static final String NAME = "convert_currency";

    public ConvertCurrencyTool() {
        super(NAME, "Converts the commodity price to local currency. Arguments: base_price (float), conversion_rate (float)",
                "convert_currency(base_price: float, conversion_rate: float) -> float", null, null, true,
                "base_price", NUMBER, "conversion_rate", NUMBER);
    }

    @Override
    protected Object invoke(Object[] p, List<Object> extra) {
        return PyArith.binary("*", p[0], p[1]);
    }
}
