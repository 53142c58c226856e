package org.selfchallenge.pyval;

import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Expected strings were printed by CPython 3.11.7 for the same inputs. */
class PyReprTest {

    @Test
    void floatReprShortestAndPythonExponentStyle() {
        assertEquals("0.1", PyRepr.floatRepr(0.1));
        assertEquals("0.30000000000000004", PyRepr.floatRepr(0.1 + 0.2));
        assertEquals("1e+16", PyRepr.floatRepr(1e16));
        assertEquals("1000000000000000.0", PyRepr.floatRepr(1e15));
        assertEquals("9999999999999998.0", PyRepr.floatRepr(9999999999999998.0));
        assertEquals("1e-05", PyRepr.floatRepr(1e-5));
        assertEquals("0.0001", PyRepr.floatRepr(1e-4));
        assertEquals("1.5e+300", PyRepr.floatRepr(1.5e300));
        assertEquals("5e-324", PyRepr.floatRepr(Double.MIN_VALUE));
        assertEquals("1.7976931348623157e+308", PyRepr.floatRepr(Double.MAX_VALUE));
        assertEquals("2e+23", PyRepr.floatRepr(2e23));
        assertEquals("-0.0", PyRepr.floatRepr(-0.0));
        assertEquals("inf", PyRepr.floatRepr(Double.POSITIVE_INFINITY));
        assertEquals("-inf", PyRepr.floatRepr(Double.NEGATIVE_INFINITY));
        assertEquals("nan", PyRepr.floatRepr(Double.NaN));
        assertEquals("-123.456", PyRepr.floatRepr(-123.456));
        assertEquals("1.2345678901234567e+19", PyRepr.floatRepr(12345678901234567890.0));
        // Java 17 prints 2.0E-3 style and non-shortest digits for some values (JDK-4511638).
        assertEquals("2e-07", PyRepr.floatRepr(2e-7));
        assertEquals("9.999999999999999E22", Double.toString(1e23)); // Java 17, not shortest
        assertEquals("1e+23", PyRepr.floatRepr(1e23));
    }

    @Test
    void moneyFastPathAgreesWithPythonAndTheGeneralPath() {
        double[] v = {1619.16, 754.25, 3254.67, 362.18, 2679.41, 1828.44, 289.99, 2537.18, 0.001, 0.5,
            100000000.125, 999999999.999, 0.1 + 0.7, 4.35, 1.005, 2.675};
        String[] py = {"1619.16", "754.25", "3254.67", "362.18", "2679.41", "1828.44", "289.99", "2537.18", "0.001",
            "0.5", "100000000.125", "999999999.999", "0.7999999999999999", "4.35", "1.005", "2.675"};
        for (int i = 0; i < v.length; i++) {
            assertEquals(py[i], PyRepr.floatRepr(v[i]));
        }
        java.util.Random r = new java.util.Random(42);
        for (int i = 0; i < 200_000; i++) {
            double d = i % 2 == 0 ? Math.round(r.nextDouble() * 1e7) / 100.0 : r.nextDouble() * Math.pow(10, r.nextInt(12) - 3);
            assertEquals(PyRepr.floatReprGeneral(d), PyRepr.floatRepr(d), "value bits " + Double.doubleToLongBits(d));
        }
    }

    @Test
    void strReprQuotingAndEscapes() {
        assertEquals("'plain'", PyRepr.repr("plain"));
        assertEquals("\"O'Hare\"", PyRepr.repr("O'Hare"));
        assertEquals("'both \\' and \"'", PyRepr.repr("both ' and \""));
        assertEquals("'a\\\\b\\n\\t\\r\\x00\\x1f\\x7f'", PyRepr.repr("a\\b\n\t\r\u0000\u001f\u007f"));
        assertEquals("'caf\u00e9 \\xa0 \\u200b \\u2028 \ud83d\ude00'", PyRepr.repr("caf\u00e9 \u00a0 \u200b \u2028 \ud83d\ude00"));
        assertEquals("'\\ud800'", PyRepr.repr("\ud800"));
        assertEquals("'\\U000e0001'", PyRepr.repr(new String(Character.toChars(0xE0001))));
    }

    @Test
    void containersAndScalars() {
        LinkedHashMap<String, Object> d = new LinkedHashMap<>();
        d.put("b", List.of(1L, 2.5, "x"));
        d.put("a", null);
        d.put("c", true);
        assertEquals("{'b': [1, 2.5, 'x'], 'a': None, 'c': True}", PyRepr.repr(d));
        assertEquals("(1,)", PyRepr.repr(PyTuple.of(1L)));
        assertEquals("()", PyRepr.repr(PyTuple.of()));
        assertEquals("[]", PyRepr.repr(new ArrayList<>()));
        assertEquals("{}", PyRepr.repr(new LinkedHashMap<>()));
        assertEquals("x", PyRepr.str("x"));
        assertEquals("12.0", PyRepr.str(12.0));
        assertEquals("123456789012345678901234567890",
                PyRepr.str(new BigInteger("123456789012345678901234567890")));
    }

    @Test
    void hashableSortsKeysByCodePoint() {
        LinkedHashMap<String, Object> d = new LinkedHashMap<>();
        d.put("\uffff", 1L);
        d.put("\ud83d\ude00", 2L); // U+1F600 sorts after U+FFFF in Python, before it in UTF-16 order
        d.put("B", 3L);
        d.put("a", 4L);
        // U+FFFF is unassigned, so repr escapes it.
        assertEquals("(('B', 3), ('a', 4), ('\\uffff', 1), ('\ud83d\ude00', 2))", PyHash.hashableStr(d));
    }
}
