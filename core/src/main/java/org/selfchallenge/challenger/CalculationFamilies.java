package org.selfchallenge.challenger;

import java.util.List;

/** Calculation (M3ToolEval) task families; filled in once the calculation environment is available. */
final class CalculationFamilies {
    private CalculationFamilies() {
    }

    static List<TaskFamily> all() {
        return List.of();
    }
}
