package org.selfchallenge.env.airline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.selfchallenge.pyval.PyException;

/** Python semantics the airline tools depend on; expected values from the Python docs and by hand. */
class AirlinePythonTest {

    @Test
    void sumFollowsPython312() {
        // "What's New In Python 3.12": sum() of floats uses Neumaier summation; sum([0.1] * 10) == 1.0
        // (plain left-to-right addition gives 0.9999999999999999).
        List<Object> tenths = new ArrayList<>(Collections.nCopies(10, (Object) 0.1));
        assertEquals(1.0, AirlinePython.sum(tenths));
        assertEquals(6L, AirlinePython.sum(List.of(1L, 2L, 3L)));        // ints stay int
        assertEquals(6.0, AirlinePython.sum(List.of(1L, 2.0, 3L)));      // one float makes a float
        assertEquals(3L, AirlinePython.sum(List.of(true, 2L)));          // bool counts as int 1
        assertEquals(0L, AirlinePython.sum(List.of()));
        PyException e = assertThrows(PyException.class, () -> AirlinePython.sum(List.of(1L, "a")));
        assertEquals("unsupported operand type(s) for +: 'int' and 'str'", e.getMessage());
    }

    @Test
    void operatorsNameTheOperatorInTheirErrors() {
        assertEquals("unsupported operand type(s) for +=: 'int' and 'str'",
                assertThrows(PyException.class, () -> AirlinePython.add(0L, "ab", "+=")).getMessage());
        assertEquals("'>' not supported between instances of 'str' and 'int'",
                assertThrows(PyException.class, () -> AirlinePython.maxZero("a")).getMessage());
        assertEquals("ababab", AirlinePython.mul(3L, "ab"));           // sequence repetition
        assertEquals(0L, AirlinePython.maxZero(0.0));                   // max(0, 0.0) keeps the int 0
        assertEquals(2.5, AirlinePython.maxZero(2.5));
    }

    @Test
    void subscriptErrorsPerContainer() {
        assertEquals("string indices must be integers, not 'str'",
                assertThrows(PyException.class, () -> AirlinePython.item("abc", "x")).getMessage());
        assertEquals("list indices must be integers or slices, not str",
                assertThrows(PyException.class, () -> AirlinePython.item(List.of(1L), "x")).getMessage());
        assertEquals("'NoneType' object is not subscriptable",
                assertThrows(PyException.class, () -> AirlinePython.item(null, "x")).getMessage());
        assertEquals("'x'", assertThrows(PyException.class, () -> AirlinePython.item(AirlineFixtures.kw(), "x")).getMessage());
        assertEquals("object of type 'NoneType' has no len()",
                assertThrows(PyException.class, () -> AirlinePython.len(null)).getMessage());
        assertEquals(2L, AirlinePython.len("ab"));
    }
}
