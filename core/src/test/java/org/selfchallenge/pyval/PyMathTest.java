package org.selfchallenge.pyval;

import org.junit.jupiter.api.Test;

import java.math.BigInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PyMathTest {

    @Test
    void roundIsHalfEvenOnTheExactBinaryValue() {
        assertEquals(2.67, PyMath.round(2.675, 2));   // 2.675 is 2.67499999... in binary
        assertEquals(0.12, PyMath.round(0.125, 2));   // exact tie → even
        assertEquals(0.38, PyMath.round(0.375, 2));
        assertEquals(0.99, PyMath.round(0.995, 2));   // 0.99499999999999999555 in binary → down
        assertEquals(60L, PyMath.round((Object) 60L, 2));          // int stays int
        assertEquals(-0.0, PyMath.round(-0.001, 2));
        assertEquals(Double.POSITIVE_INFINITY, PyMath.round(Double.POSITIVE_INFINITY, 2));
    }

    @Test
    void arithmeticKeepsPythonTypes() {
        assertEquals(5L, PyMath.add(2L, 3L));
        assertEquals(5.0, PyMath.add(2L, 3.0));
        assertEquals(0.5, PyMath.truediv(1L, 2L));
        assertEquals(2.0, PyMath.truediv(4L, 2L));
        assertEquals(-4L, PyMath.floordiv(-7L, 2L));
        assertEquals(-4.0, PyMath.floordiv(-7.0, 2L));
        assertEquals(new BigInteger("18446744073709551616"), PyMath.pow(2L, 64L));
        assertEquals(0.25, PyMath.pow(2L, -2L));
        assertEquals(new BigInteger("9223372036854775808"), PyMath.add(Long.MAX_VALUE, 1L));
        assertEquals(3L, PyMath.abs(-3L));
        assertEquals(3.5, PyMath.abs(-3.5));
        assertEquals("division by zero",
                assertThrows(PyException.class, () -> PyMath.truediv(1L, 0L)).getMessage());
        assertEquals("float division by zero",
                assertThrows(PyException.class, () -> PyMath.truediv(1.0, 0L)).getMessage());
        assertEquals("integer division or modulo by zero",
                assertThrows(PyException.class, () -> PyMath.floordiv(1L, 0L)).getMessage());
    }

    @Test
    void comparisonsAreExactAcrossIntAndFloat() {
        assertTrue(PyMath.lt(9007199254740992L, 9007199254740993L));
        assertFalse(PyMath.lt(9007199254740993L, 9007199254740992.0)); // 2^53+1 > 2^53 exactly
        assertTrue(PyMath.gt(9007199254740993L, 9007199254740992.0));
        assertTrue(PyMath.pyEquals(60L, 60.0));
        assertTrue(PyMath.lt(100L, 100.5));
        assertFalse(PyMath.lt(Double.NaN, 1L));
        assertTrue(PyMath.pyEquals(true, 1L));
    }
}
