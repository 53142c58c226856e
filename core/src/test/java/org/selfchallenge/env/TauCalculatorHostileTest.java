package org.selfchallenge.env;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.selfchallenge.pyval.WorkBudget;

/**
 * Hostile {@code calculate} expressions: each returns the tool's error text, never a JVM error, and well
 * under a second. The expected texts are upstream's ({@code str(round(float(eval(e)), 2))} or
 * {@code "Error: {e}"}) under CPython 3.11.7 with eval() called 10 frames deep, as upstream's tool runs.
 */
class TauCalculatorHostileTest {
    private static final String DIGITS_LIMIT = "Error: Exceeds the limit (4300 digits) for integer string conversion: "
            + "value has %d digits; use sys.set_int_max_str_digits() to increase the limit - Consider hexadecimal for "
            + "huge integer literals to avoid decimal conversion limits. (<string>, line 1)";
    private static final String RECURSION = "Error: maximum recursion depth exceeded during compilation";

    /** Inputs → upstream's answer, computed by CPython 3.11.7. */
    private static Map<String, String> upstreamCases() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("(".repeat(3000) + "1" + ")".repeat(3000), "Error: too many nested parentheses (<string>, line 1)");
        m.put("(".repeat(200) + "1" + ")".repeat(200), "1.0");
        m.put("-".repeat(2900) + "1", "1.0");
        m.put("-".repeat(2970) + "1", RECURSION);
        m.put("-".repeat(5975) + "1", RECURSION);
        // the parser's stack (6000 levels) overflows: MemoryError, whose str() is empty
        m.put("-".repeat(5976) + "1", "Error: ");
        // ... before the tokenizer reaches the ')'; a parse that gets further reports the ')'
        m.put("-".repeat(6000) + "1)", "Error: ");
        m.put("-".repeat(3000) + "1)", "Error: unmatched ')' (<string>, line 1)");
        m.put("1+".repeat(2900) + "1", "2901.0");
        m.put("1+".repeat(100_000) + "1", RECURSION);
        m.put("1**".repeat(2988) + "1", "Error: ");
        m.put("(".repeat(200) + "-".repeat(375) + "1" + ")".repeat(200), "-1.0");
        m.put("(".repeat(200) + "-".repeat(376) + "1" + ")".repeat(200), "Error: ");
        m.put("7".repeat(1_000_000), String.format(DIGITS_LIMIT, 1_000_000));
        m.put("7".repeat(4301) + ")", "Error: unmatched ')' (<string>, line 1)");
        m.put("1 1" + "7".repeat(4301), String.format(DIGITS_LIMIT, 4302));
        m.put("0".repeat(5000), "0.0");
        m.put("7".repeat(4300), "Error: int too large to convert to float");
        m.put("10**400/7", "Error: integer division result too large for a float");
        m.put("10**400/10**399", "10.0");
        m.put("7/10**400", "0.0");
        return m;
    }

    @Test
    void hostileExpressionsGetUpstreamsErrorQuickly() {
        TauCalculator.calculate("1+1"); // class loading is not the expression's cost
        for (Map.Entry<String, String> c : upstreamCases().entrySet()) {
            long t0 = System.nanoTime();
            String got = TauCalculator.calculate(c.getKey());
            long ms = (System.nanoTime() - t0) / 1_000_000;
            String name = c.getKey().length() > 40 ? c.getKey().substring(0, 40) + "... (" + c.getKey().length() + " chars)" : c.getKey();
            assertEquals(c.getValue(), got, name);
            assertTrue(ms < 1_000, name + " took " + ms + " ms");
        }
    }

    @Test
    void theAstHeightBoundSitsAtTheDocumentedDepth() {
        // 2970 nested nodes are evaluated (and recursed through by the JVM), 2971 are refused
        assertEquals("-1.0", TauCalculator.calculate("-".repeat(2969) + "1"));
        assertEquals(RECURSION, TauCalculator.calculate("-".repeat(2970) + "1"));
        assertEquals("2970.0", TauCalculator.calculate("1+".repeat(2969) + "1"));
        assertEquals(RECURSION, TauCalculator.calculate("1+".repeat(2970) + "1"));
        // powers and signs are read in a loop: a chain near the parser's limit does not overflow the stack
        assertEquals(RECURSION, TauCalculator.calculate("-1**".repeat(1991) + "1"));
        assertEquals("Error: ", TauCalculator.calculate("-1**".repeat(1992) + "1"));
    }

    @Test
    void workThatCPythonWouldSpendSecondsOnIsRefused() {
        String spent = "Error: expression too costly to evaluate (over " + WorkBudget.DEFAULT_UNITS
                + " units of work: bits of big integers, elements of sequences)";
        long t0 = System.nanoTime();
        // a thousand 830k-bit powers: CPython takes ~20 s
        assertEquals(spent, TauCalculator.calculate("9**262144+".repeat(1000) + "1"));
        // a product beyond the power's 2^20-bit bound (1,047,836 + 13,288 bits)
        assertEquals("Error: integer product too large (over 1048576 bits)",
                TauCalculator.calculate("255**131072*" + "7".repeat(4000)));
        assertEquals("Error: integer power result too large", TauCalculator.calculate("9**9**9"));
        assertTrue((System.nanoTime() - t0) / 1_000_000 < 1_000, "took " + (System.nanoTime() - t0) / 1_000_000 + " ms");
        // the budget is per call: a normal expression afterwards is unaffected
        assertEquals("3.33", TauCalculator.calculate("10 / 3"));
        assertEquals("2.0", TauCalculator.calculate("2**1000 // 2**999"));
    }
}
