package org.selfchallenge.env.calculation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.selfchallenge.env.calculation.ToolAssertions.assertRaises;
import static org.selfchallenge.env.calculation.ToolAssertions.list;

import org.junit.jupiter.api.Test;
import org.selfchallenge.pyval.PyTuple;

class TradeCalculatorToolsTest {
    static Object tr(String tool, Object... a) {
        return ToolAssertions.call("trade_calculator", tool, a);
    }

    @Test
    void arithmeticTools() {
        assertEquals(150.0, tr("convert_currency", 100L, 1.5)); // 100 * 1.5
        assertEquals(300L, tr("convert_currency", 100L, 3L)); // int * int stays int
        assertEquals("ababab", tr("convert_currency", "ab", 3L)); // str * int repeats, as Python
        assertEquals(11.25, tr("calculate_tariff", 150L, 7.5)); // 150 * 7.5 / 100
        assertEquals(5.0, tr("calculate_tariff", 100L, 5L)); // / always gives a float
        assertEquals(161.25, tr("estimate_final_value", 150L, 11.25));
        assertEquals(3L, tr("estimate_final_value", 1L, 2L));
        assertRaises("TypeError", "unsupported operand type(s) for +: 'int' and 'str'",
                () -> tr("estimate_final_value", 1L, "2"));
        assertRaises("TypeError", "can't multiply sequence by non-int of type 'float'",
                () -> tr("convert_currency", "ab", 1.5));
        assertRaises("TypeError", "convert_currency() takes 2 positional arguments but 3 were given",
                () -> tr("convert_currency", 1L, 2L, 3L));
        assertRaises("TypeError", "calculate_tariff() missing 2 required positional arguments: 'price' and 'tariff_rate'",
                () -> tr("calculate_tariff"));
    }

    @Test
    void findMinimumMaximum() {
        assertEquals(624.0, tr("find_minimum", 695.5, 763.0, 624.0));
        assertEquals(763.0, tr("find_maximum", 695.5, 763.0, 624.0));
        assertRaises("ValueError", "max() arg is an empty sequence", () -> tr("find_maximum"));
    }

    @Test
    void calculatorEvaluatesPython() {
        assertEquals(14L, tr("calculator", "2 + (3 * 4)"));
        assertEquals(3.5, tr("calculator", "7/2"));
        assertEquals(3L, tr("calculator", "7//2"));
        assertEquals(-4L, tr("calculator", "-7//2")); // floor toward -inf
        assertEquals(2L, tr("calculator", "-7 % 3")); // sign of the divisor
        assertEquals(-0.5, tr("calculator", "7.5 % -2"));
        assertEquals(1024L, tr("calculator", "2**10"));
        assertEquals(0.5, tr("calculator", "2**-1"));
        assertEquals(0.30000000000000004, tr("calculator", "0.1+0.2"));
        assertEquals(2.67, tr("calculator", "round(2.675, 2)")); // 2.675 is 2.67499999... in binary
        assertEquals(2L, tr("calculator", "round(2.5)")); // half-even
        assertEquals(2.5, tr("calculator", "max(1, 2.5)"));
        assertEquals(1L, tr("calculator", "min([3,1])"));
        assertEquals(true, tr("calculator", "10 > 3 > 1"));
        assertEquals(2L, tr("calculator", "[1,2][1]"));
        assertEquals(PyTuple.of(1L, 2L), tr("calculator", "(1, 2)"));
        assertEquals(2L, tr("calculator", "True + 1"));
        assertEquals(9L, tr("calculator", " 3*3")); // eval strips leading spaces
        assertEquals(3L, tr("calculator", "3 if 1 else 4"));
        assertEquals(Double.POSITIVE_INFINITY, tr("calculator", "1e308*10"));
        // the module's tools are visible inside the expression
        assertEquals(150.0, tr("calculator", "convert_currency(100, 1.5)"));
        assertEquals(161.25, tr("calculator", "estimate_final_value(150, calculate_tariff(150, 7.5))"));
        assertEquals(list(1L, 2L), tr("calculator", "[1, 2]"));
        // slices: start clamped, negative from the end, step -1 reverses
        assertEquals(list(2L, 3L), tr("calculator", "[1,2,3,4,5][1:3]"));
        assertEquals(list(5L, 4L, 3L), tr("calculator", "[1,2,3,4,5][4:1:-1]"));
        assertEquals(list(1L, 2L), tr("calculator", "[1,2,3,4,5][-10:2]"));
        assertEquals("fdb", tr("calculator", "'abcdef'[::-2]"));
        assertEquals(PyTuple.of(2L, 3L), tr("calculator", "(1,2,3)[1:]"));
        assertEquals("Failed to evaluate expression: [1,2,3][::0]", tr("calculator", "[1,2,3][::0]"));
        assertEquals(1.5, tr("calculator", "min(*[3, 1.5])"));
        assertEquals(0L, tr("calculator", "int()"));
        assertEquals(11.25, tr("calculator", "150 * 7.5 / 100"));
    }

    @Test
    void calculatorFailuresAreReturnedNotRaised() {
        assertEquals("Failed to evaluate expression: 1/0", tr("calculator", "1/0"));
        assertEquals("Failed to evaluate expression: abc", tr("calculator", "abc"));
        assertEquals("Failed to evaluate expression: 1 +", tr("calculator", "1 +"));
        // eval(5) is a TypeError: a text action's "calculator, 5" arrives as an int
        assertEquals("Failed to evaluate expression: 5", tr("calculator", 5L));
        // int too large to convert to float
        assertEquals("Failed to evaluate expression: 10**400 * 1.0", tr("calculator", "10**400 * 1.0"));
        assertEquals("Failed to evaluate expression: (1,", tr("calculator", "(1,"));
    }
}
