package org.selfchallenge.pyval.expr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.selfchallenge.env.ToolException;

/** Python {@code int(str)} / {@code float(str)} acceptance rules. */
class PyNumbersTest {
    @Test
    void intFromString() {
        assertEquals(12L, PyNumbers.parseInt("12"));
        assertEquals(12L, PyNumbers.parseInt(" 12 "));
        assertEquals(1000L, PyNumbers.parseInt("+1_000"));
        assertEquals(123L, PyNumbers.parseInt("\u0661\u0662\u0663")); // Arabic-Indic digits
        assertEquals(12L, PyNumbers.parseInt("\u00a012\u2003")); // NBSP and EM SPACE are whitespace
        assertEquals(7L, PyNumbers.parseInt("007"));
        for (String bad : new String[] {"1.5", "1e3", "inf", "", "1__0", "0x10", "_1", "1_", "+ 1", "1 2"}) {
            ToolException e = assertThrows(ToolException.class, () -> PyNumbers.parseInt(bad));
            assertEquals("ValueError", e.pythonType());
            assertEquals("invalid literal for int() with base 10: " + (bad.isEmpty() ? "''" : "'" + bad + "'"), e.getMessage());
        }
    }

    @Test
    void floatFromString() {
        assertEquals(12.0, PyNumbers.parseFloat(" 12 "));
        assertEquals(1000.0, PyNumbers.parseFloat("+1_000"));
        assertEquals(1.5, PyNumbers.parseFloat("1.5"));
        assertEquals(1000.0, PyNumbers.parseFloat("1e3"));
        assertEquals(10.5, PyNumbers.parseFloat("1_0.5"));
        assertEquals(1.5, PyNumbers.parseFloat("\u0661.\u0665"));
        assertEquals(Double.POSITIVE_INFINITY, PyNumbers.parseFloat("inf"));
        assertEquals(Double.NEGATIVE_INFINITY, PyNumbers.parseFloat("-Infinity"));
        assertEquals(Double.NaN, PyNumbers.parseFloat("nan"));
        assertEquals(0.5, PyNumbers.parseFloat(".5"));
        assertEquals(5.0, PyNumbers.parseFloat("5."));
        for (String bad : new String[] {"", "1__0", "0x10", "1e", "e5", ".", "1.5f", "1d", "Infinityy"}) {
            ToolException e = assertThrows(ToolException.class, () -> PyNumbers.parseFloat(bad));
            assertEquals("ValueError", e.pythonType());
            assertEquals("could not convert string to float: '" + bad + "'", e.getMessage());
        }
    }

    @Test
    void truncation() {
        assertEquals(161L, PyNumbers.truncate(161.25));
        assertEquals(-3L, PyNumbers.truncate(-3.9));
        assertEquals("OverflowError", assertThrows(ToolException.class, () -> PyNumbers.truncate(Double.POSITIVE_INFINITY)).pythonType());
        assertEquals("ValueError", assertThrows(ToolException.class, () -> PyNumbers.truncate(Double.NaN)).pythonType());
    }

    @Test
    void python311DigitLimit() {
        assertEquals(4300, PyNumbers.parseInt("9".repeat(4300)).toString().length());
        ToolException e = assertThrows(ToolException.class, () -> PyNumbers.parseInt("1_" + "1".repeat(4300)));
        assertEquals("Exceeds the limit (4300 digits) for integer string conversion: value has 4301 digits; "
                + "use sys.set_int_max_str_digits() to increase the limit", e.getMessage());
        assertEquals(Double.POSITIVE_INFINITY, PyNumbers.parseFloat("1".repeat(5000))); // float() has no limit
    }
}
