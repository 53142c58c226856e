package org.selfchallenge.env.airline;

import java.util.Map;

import org.selfchallenge.env.TauCalculator;

/** {@code calculate(expression)}: identical to retail's; the evaluator is shared ({@link TauCalculator}). */
final class Calculate extends AirlineTool {
    Calculate() {
        super("calculate", true, "expression");
    }

    @Override
    String run(AirlineTables data, Map<String, Object> a) {
        return TauCalculator.calculate(a.get("expression"));
    }
}
