package org.selfchallenge.env.calculation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.selfchallenge.pyval.expr.PySet;

/**
 * Hostile {@code calculator} expressions: upstream's {@code eval} either fails (the tool then answers its
 * failure text) or would run for seconds; here each answers at once, with the value CPython computes
 * where CPython computes one in time.
 */
class CalculatorHostileTest {
    private final CalculatorTool calc = new CalculatorTool();

    private Object eval(String expression) {
        long t0 = System.nanoTime();
        Object v = calc.call(List.of(expression), Map.of());
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertTrue(ms < 1_000, expression.substring(0, Math.min(40, expression.length())) + " took " + ms + " ms");
        return v;
    }

    private static String failed(String expression) {
        return CalculatorTool.FAILURE_PREFIX + expression;
    }

    @Test
    void aThirtyThousandElementSetLiteralIsBuiltInLinearTime() {
        eval("1");
        String literal = IntStream.range(0, 30_000).mapToObj(Integer::toString).collect(Collectors.joining(", ", "{", "}"));
        PySet s = (PySet) eval(literal);
        assertEquals(30_000, s.items().size());
        assertEquals(29_999L, s.items().get(29_999));
        assertEquals(true, eval(literal + " == " + literal));
        assertEquals(30_000L, eval("len(" + literal.replace("}", ", 0, 1.0, True}") + ")"));
    }

    @Test
    void equalKeysCollapseAsInCPython() {
        // CPython 3.11: {1, 1.0, True, (1+0j)} == {1}; the dict keeps the first key with the last value
        assertEquals(1, ((PySet) eval("{1, 1.0, True, 1+0j}")).items().size());
        assertEquals(1L, ((PySet) eval("{1, 1.0, True}")).items().get(0));
        assertEquals(Map.of(1L, "c"), eval("{1: 'a', 1.0: 'b', True: 'c'}"));
        assertEquals(2, ((PySet) eval("{(1, 2), (1.0, 2.0), (2, 1)}")).items().size());
        assertEquals(2, ((PySet) eval("{0.5, 0.5, -0.0, 0}")).items().size());
        assertEquals(true, eval("{1: 2, 3: 4} == {3.0: 4, 1: 2.0}"));
        assertEquals(false, eval("{1, 2} == {1, 3}"));
        assertEquals(true, eval("{(1, 2), 3} == {3, (1.0, 2)}"));
    }

    @Test
    void deepOrCostlyExpressionsFailFast() {
        for (String e : List.of(
                "(".repeat(3000) + "1" + ")".repeat(3000),   // CPython: too many nested parentheses
                "1+".repeat(100_000) + "1",                    // CPython: RecursionError during compilation
                "-".repeat(100_000) + "1",                     // CPython: MemoryError (parser stack)
                "7".repeat(1_000_000),                         // CPython: SyntaxError, over 4300 digits
                "9**262144+".repeat(1000) + "1",               // CPython: ~20 s of big-int additions
                "max([9**262144]*10**6)",                      // CPython: a million megabit comparisons
                "'a'*1000000+".repeat(2000) + "'b'",           // CPython: terabytes of copying
                "['a'*1000000]*1000000 == ['a'*1000000]*1000000")) {
            assertEquals(failed(e), eval(e));
        }
        // a long needle in a long haystack: CPython's fastsearch is linear, and so is this
        assertEquals(false, eval("'a'*50000+'b' in 'a'*1000000"));
        assertEquals(true, eval("'a'*50000+'b' in 'a'*1000000+'b'"));
        // and the next expression is evaluated as usual
        assertEquals(14L, eval("2 + (3 * 4)"));
    }
}
