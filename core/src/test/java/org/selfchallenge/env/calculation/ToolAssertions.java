package org.selfchallenge.env.calculation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.function.Executable;
import org.selfchallenge.env.ToolException;

/** Shared helpers: call a domain tool positionally, assert a Python exception's type and text. */
final class ToolAssertions {
    private ToolAssertions() {
    }

    static Object call(String domain, String tool, Object... args) {
        return CalculationEnvironment.forDomain(domain).callPositional(tool, Arrays.asList(args));
    }

    static Object callKw(String domain, String tool, Map<String, Object> kwargs) {
        return CalculationEnvironment.forDomain(domain).call(tool, kwargs);
    }

    static void assertRaises(String type, String message, Executable e) {
        ToolException ex = assertThrows(ToolException.class, e);
        assertEquals(type, ex.pythonType(), "exception type");
        assertEquals(message, ex.getMessage(), "exception message");
    }

    static List<Object> list(Object... xs) {
        return Arrays.asList(xs);
    }
}
