package org.selfchallenge.bench.m3;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.selfchallenge.pyval.PyTuple;

/** The quirks of benchmarks.md §2.3 on hand-made expectations. */
class M3CheckerTest {
    @Test
    void floatsAreTruncatedByConv() {
        assertTrue(M3Checker.check(161.25, "161")); // int(161.25) == 161 == int("161")
        assertTrue(M3Checker.check(161.25, "161.0")); // float("161.0") == 161
        assertTrue(M3Checker.check(161.25, "161.25")); // final str comparison after literal_eval
        assertFalse(M3Checker.check(161.25, "161.2"));
        assertFalse(M3Checker.check(161.25, "162"));
        assertTrue(M3Checker.check(-3.5, "-3")); // truncation toward zero
    }

    @Test
    void noisyFloats() {
        assertFalse(M3Checker.check(380.41999999999996, "380.42"));
        assertTrue(M3Checker.check(380.41999999999996, "380"));
        assertTrue(M3Checker.check(380.41999999999996, "380.41999999999996"));
    }

    @Test
    void containersOnlyMatchTheirStr() {
        assertTrue(M3Checker.check(List.of(36380.0, 48150.0), "[36380.0, 48150.0]"));
        assertFalse(M3Checker.check(List.of(36380.0, 48150.0), "[36380, 48150]"));
        assertFalse(M3Checker.check(List.of(36380.0, 48150.0), "[36380.0,48150.0]"));
        assertTrue(M3Checker.check(PyTuple.of("A", 3L), "('A', 3)"));
        assertFalse(M3Checker.check(PyTuple.of("A", 3L), "(\"A\", 3)"));
        assertTrue(M3Checker.check(Map.of("T", 1L), "{'T': 1}"));
        assertFalse(M3Checker.check(Map.of("T", 1L), "{\"T\": 1}"));
    }

    @Test
    void booleansAndStrings() {
        assertTrue(M3Checker.check(false, "False"));
        assertTrue(M3Checker.check(false, "0"));
        assertTrue(M3Checker.check(false, "0.0"));
        assertTrue(M3Checker.check(false, "'False'")); // literal_eval → 'False', str == "False"
        assertFalse(M3Checker.check(false, "false"));
        assertTrue(M3Checker.check(true, "1"));
        assertTrue(M3Checker.check("Engineering", "'Engineering'"));
        assertTrue(M3Checker.check("Engineering", "  \"Engineering\""));
        assertFalse(M3Checker.check("Engineering", "Engineering "));
        assertTrue(M3Checker.check(3L, "'3'")); // literal_eval gives '3', str('3') == str(3)
        assertTrue(M3Checker.check(3L, " 3 "));
        assertTrue(M3Checker.check(3L, "3.00"));
        assertTrue(M3Checker.check(3L, "\u0663")); // int() accepts Unicode digits
        assertFalse(M3Checker.check(3L, "three"));
    }

    @Test
    void python311IntDigitLimit() {
        // int("1" * 5000) is a ValueError in 3.11 (conv falls back to float → inf), literal_eval a SyntaxError
        assertFalse(M3Checker.check(3L, "1".repeat(5000)));
        // a 5000-hex-digit literal parses, but str() of it raises outside the try: upstream raises too
        org.selfchallenge.env.ToolException e = org.junit.jupiter.api.Assertions.assertThrows(
                org.selfchallenge.env.ToolException.class, () -> M3Checker.check(3L, "0x" + "f".repeat(5000)));
        org.junit.jupiter.api.Assertions.assertEquals("Exceeds the limit (4300 digits) for integer string conversion; "
                + "use sys.set_int_max_str_digits() to increase the limit", e.getMessage());
    }
}
