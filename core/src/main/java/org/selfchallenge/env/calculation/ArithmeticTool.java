package org.selfchallenge.env.calculation;

import java.util.List;

import org.selfchallenge.pyval.expr.PyArith;

/**
 * The one-line arithmetic tools, evaluated with Python's operator semantics (int stays int, float
 * contaminates, {@code str * int} repeats, mismatched types raise TypeError):
 * <ul>
 *   <li>{@code convert_currency(base_price, conversion_rate)} = {@code base_price * conversion_rate}</li>
 *   <li>{@code calculate_tariff(price, tariff_rate)} = {@code price * tariff_rate / 100}</li>
 *   <li>{@code estimate_final_value(price, tariff)} = {@code price + tariff}</li>
 *   <li>{@code budget_calculator(flight_price, hotel_price_per_night, num_nights)} =
 *       {@code flight_price + hotel_price_per_night * num_nights}</li>
 * </ul>
 */
public final class ArithmeticTool extends PyTool {
    private final Formula formula;

    private interface Formula {
        Object apply(Object[] p);
    }

    private ArithmeticTool(String name, String description, String signature, Formula f, String... params) {
        super(name, description, signature, null, null, true, params);
        this.formula = f;
    }

    public static ArithmeticTool convertCurrency() {
        return new ArithmeticTool("convert_currency",
                "Converts the commodity price to local currency. Arguments: base_price (float), conversion_rate (float)",
                "convert_currency(base_price: float, conversion_rate: float) -> float",
                p -> PyArith.binary("*", p[0], p[1]), "base_price", NUMBER, "conversion_rate", NUMBER);
    }

    public static ArithmeticTool calculateTariff() {
        return new ArithmeticTool("calculate_tariff",
                "Calculates the trade tariff based on the converted price. Arguments: price (float), tariff_rate (float, in %)",
                "calculate_tariff(price: float, tariff_rate: float) -> float",
                p -> PyArith.binary("/", PyArith.binary("*", p[0], p[1]), 100L), "price", NUMBER, "tariff_rate", NUMBER);
    }

    public static ArithmeticTool estimateFinalValue() {
        return new ArithmeticTool("estimate_final_value",
                "Estimates the final trade value including the tariff. Arguments: price (float), tariff (float)",
                "estimate_final_value(price: float, tariff: float) -> float",
                p -> PyArith.binary("+", p[0], p[1]), "price", NUMBER, "tariff", NUMBER);
    }

    public static ArithmeticTool budgetCalculator() {
        return new ArithmeticTool("budget_calculator",
                "Calculates the total budget for a trip. Arguments: flight_price (float), hotel_price_per_night (float), num_nights (int).\nReturns the total budget (float).",
                "budget_calculator(flight_price: float, hotel_price_per_night: float, num_nights: int) -> float",
                p -> PyArith.binary("+", p[0], PyArith.binary("*", p[1], p[2])),
                "flight_price", NUMBER, "hotel_price_per_night", NUMBER, "num_nights", INTEGER);
    }

    @Override
    protected Object invoke(Object[] p, List<Object> extra) {
        return formula.apply(p);
    }
}
