package org.selfchallenge.env.calculation;

import java.util.List;

import org.selfchallenge.pyval.expr.PyArith;

/**
 * {@code budget_calculator} = {@code flight_price + hotel_price_per_night * num_nights}, with Python's operator semantics (int stays int, a float
 * makes a float, {@code /} is true division, {@code str * int} repeats, mismatched types raise TypeError).
 */
public final class BudgetCalculatorTool extends PyTool {
    public static final String NAME = "budget_calculator";

    public BudgetCalculatorTool() {
        super(NAME, "Calculates the total budget for a trip. Arguments: flight_price (float), hotel_price_per_night (float), num_nights (int).\nReturns the total budget (float).",
                "budget_calculator(flight_price: float, hotel_price_per_night: float, num_nights: int) -> float", null, null, true,
                "flight_price", NUMBER, "hotel_price_per_night", NUMBER, "num_nights", INTEGER);
    }

    @Override
    protected Object invoke(Object[] p, List<Object> extra) {
        return PyArith.binary("+", p[0], PyArith.binary("*", p[1], p[2]));
    }
}
