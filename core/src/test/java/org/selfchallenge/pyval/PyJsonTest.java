package org.selfchallenge.pyval;

import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

class PyJsonTest {

    @Test
    void keepsIntFloatDistinctionAndOrder() {
        Map<String, Object> m = PyJson.parseObject("{\"z\": 60, \"a\": 60.0, \"big\": 123456789012345678901234, "
                + "\"e\": 1e2, \"neg\": -5, \"l\": [true, null], \"z\": 7}");
        assertEquals(List.of("z", "a", "big", "e", "neg", "l"), List.copyOf(m.keySet()));
        assertEquals(7L, m.get("z"));              // last value, first position (dict(pairs))
        assertInstanceOf(Double.class, m.get("a"));
        assertEquals(new BigInteger("123456789012345678901234"), m.get("big"));
        assertEquals(100.0, m.get("e"));
        assertEquals(-5L, m.get("neg"));
        assertInstanceOf(LinkedHashMap.class, m);
        assertEquals(Double.NEGATIVE_INFINITY, PyJson.parse("-Infinity"));
        assertEquals(9223372036854775807L, PyJson.parse("9223372036854775807"));
    }

    @Test
    void dumpsLikePythonDefaults() {
        LinkedHashMap<String, Object> m = new LinkedHashMap<>();
        m.put("b", List.of(1L, 2.0, 1e16, 0.1 + 0.2));
        m.put("caf\u00e9", "\u00e9\"\\\n\u007f\ud83d\ude00/");
        m.put("t", PyTuple.of(true, false, null));
        m.put("n", Double.NaN);
        assertEquals("{\"b\": [1, 2.0, 1e+16, 0.30000000000000004], \"caf\\u00e9\": \"\\u00e9\\\"\\\\\\n\\u007f"
                + "\\ud83d\\ude00/\", \"t\": [true, false, null], \"n\": NaN}", PyJson.dumps(m));
        assertEquals("{}", PyJson.dumps(new LinkedHashMap<>()));
        assertEquals("[]", PyJson.dumps(List.of()));
    }

    @Test
    void malformedInputNamesThePosition() {
        PyJson.ParseException e = assertThrows(PyJson.ParseException.class, () -> PyJson.parse("{\"a\": 1,}"));
        assertEquals("Expecting property name enclosed in double quotes: line 1 column 9 (char 8)", e.getMessage());
        assertThrows(PyJson.ParseException.class, () -> PyJson.parse("[1] x"));
        assertThrows(PyJson.ParseException.class, () -> PyJson.parse("01"));
    }
}
