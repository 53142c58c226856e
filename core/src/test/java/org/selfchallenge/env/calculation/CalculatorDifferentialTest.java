package org.selfchallenge.env.calculation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.selfchallenge.pyval.PyJson;
import org.selfchallenge.pyval.expr.PyStr;

/**
 * ~3.7k mutated arithmetic expressions (operators, keywords glued to numbers, complex literals, stray
 * quotes, comments, continuations) evaluated by the ORIGINAL calculator (gen_calculator_vectors.py beside
 * the data): the port must return the same value repr or the same failure text.
 */
class CalculatorDifferentialTest {
    @SuppressWarnings("unchecked")
    @Test
    void agreesWithTheOriginalCalculator() throws IOException {
        String path = "/org/selfchallenge/env/calculation/calculator_vectors.json";
        List<Map<String, Object>> cases;
        try (InputStream in = getClass().getResourceAsStream(path)) {
            assertNotNull(in, path);
            cases = (List<Map<String, Object>>) PyJson.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
        CalculationEnvironment trade = CalculationEnvironment.forDomain("trade_calculator");
        List<String> mismatches = new ArrayList<>();
        for (Map<String, Object> c : cases) {
            String got = PyStr.repr(trade.callPositional("calculator", List.of(c.get("expr"))));
            if (!got.equals(c.get("repr"))) {
                mismatches.add(PyJson.dumps(c.get("expr")) + ": python " + c.get("repr") + " / java " + got);
            }
        }
        assertTrue(cases.size() > 3500, "cases " + cases.size());
        assertEquals(List.of(), mismatches.subList(0, Math.min(20, mismatches.size())));
    }
}
