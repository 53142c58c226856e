package org.selfchallenge.env.airline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.selfchallenge.pyval.PyException;

/** Python semantics the airline tools depend on; expected values from the Python docs and by hand. */
class PyBuiltinsTest {

    @Test
    void sumFollowsPython312() {
        // "What's New In Python 3.12": sum() of floats uses Neumaier summation; sum([0.1] * 10) == 1.0
        // (plain left-to-right addition gives 0.9999999999999999).
        List<Object> tenths = new ArrayList<>(Collections.nCopies(10, (Object) 0.1));
        assertEquals(1.0, PyBuiltins.sum(tenths));
        assertEquals(6L, PyBuiltins.sum(List.of(1L, 2L, 3L)));        // ints stay int
        assertEquals(6.0, PyBuiltins.sum(List.of(1L, 2.0, 3L)));      // one float makes a float
        assertEquals(3L, PyBuiltins.sum(List.of(true, 2L)));          // bool counts as int 1
        assertEquals(0L, PyBuiltins.sum(List.of()));
        PyException e = assertThrows(PyException.class, () -> PyBuiltins.sum(List.of(1L, "a")));
        assertEquals("unsupported operand type(s) for +: 'int' and 'str'", e.getMessage());
    }

    @Test
    void operatorsNameTheOperatorInTheirErrors() {
        assertEquals("unsupported operand type(s) for +=: 'int' and 'str'",
                assertThrows(PyException.class, () -> PyBuiltins.add(0L, "ab", "+=")).getMessage());
        assertEquals("'>' not supported between instances of 'str' and 'int'",
                assertThrows(PyException.class, () -> PyBuiltins.maxZero("a")).getMessage());
        assertEquals("ababab", PyBuiltins.mul(3L, "ab"));           // sequence repetition
        assertEquals(0L, PyBuiltins.maxZero(0.0));                   // max(0, 0.0) keeps the int 0
        assertEquals(2.5, PyBuiltins.maxZero(2.5));
    }

    @Test
    void subscriptErrorsPerContainer() {
        assertEquals("string indices must be integers, not 'str'",
                assertThrows(PyException.class, () -> PyBuiltins.item("abc", "x")).getMessage());
        assertEquals("list indices must be integers or slices, not str",
                assertThrows(PyException.class, () -> PyBuiltins.item(List.of(1L), "x")).getMessage());
        assertEquals("'NoneType' object is not subscriptable",
                assertThrows(PyException.class, () -> PyBuiltins.item(null, "x")).getMessage());
        assertEquals("'x'", assertThrows(PyException.class, () -> PyBuiltins.item(AirlineFixtures.kw(), "x")).getMessage());
        assertEquals("object of type 'NoneType' has no len()",
                assertThrows(PyException.class, () -> PyBuiltins.len(null)).getMessage());
        assertEquals(2L, PyBuiltins.len("ab"));
    }
}
