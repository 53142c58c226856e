package org.selfchallenge.env.airline;

import java.util.List;
import java.util.Map;

import org.selfchallenge.env.TauCalculator;

/** {@code calculate(expression)}: identical to retail's; the evaluator is shared ({@link TauCalculator}). */
final class Calculate extends AirlineTool {

    @Override
    public String name() {
        return "calculate";
    }

    @Override
    public List<String> parameters() {
        return List.of("expression");
    }

    @Override
    public boolean readOnly() {
        return true;
    }

    @Override
    String run(AirlineTables data, Map<String, Object> a) {
        return TauCalculator.calculate(a.get("expression"));
    }
}
