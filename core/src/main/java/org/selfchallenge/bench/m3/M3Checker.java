package org.selfchallenge.bench.m3;

import org.selfchallenge.pyval.PyException;
import org.selfchallenge.pyval.expr.LiteralEval;
import org.selfchallenge.pyval.expr.PyBuiltins;
import org.selfchallenge.pyval.expr.PyOps;
import org.selfchallenge.pyval.expr.PyStr;

/**
 * Upstream {@code Task.check_answer(answer)} (CodeAct {@code tasks/base.py}), bug for bug:
 * <pre>
 * try:
 *     if answer == expected or conv(answer) == conv(expected): return True
 *     answer = ast.literal_eval(answer)
 *     if answer == expected (isinstance(expected, list) and ...) or ...:   # missing "or": calls expected(...)
 *         return True                                                       # → always TypeError
 * except: pass
 * return str(answer) == str(expected)
 * </pre>
 * where {@code conv(s)} tries {@code int(s)}, then {@code float(s)} (catching only ValueError), else s.
 * Consequences: {@code int(161.25) == 161} so "161" and "161.0" pass for 161.25; for a list, dict or tuple
 * expectation {@code conv} raises TypeError before literal_eval, so only the exact {@code str(expected)}
 * passes; False accepts "False" and "0"; when literal_eval succeeds the final comparison uses the parsed
 * value ("'Engineering'" passes for "Engineering"); noisy floats such as 380.41999999999996 reject
 * "380.42" but accept "380" and the full repr.
 */
public final class M3Checker {
    private M3Checker() {
    }

    public static boolean check(Object expected, String answer) {
        Object ans = answer;
        try {
            if (PyOps.eq(answer, expected) || PyOps.eq(conv(answer), conv(expected))) {
                return true;
            }
            ans = LiteralEval.eval(answer);
            // The next upstream condition calls expected_output(...): TypeError, swallowed below.
            throw new PyException("TypeError", "'" + PyOps.typeName(expected) + "' object is not callable");
        } catch (RuntimeException | StackOverflowError e) {
            // bare "except: pass"
        }
        // Outside the try, as upstream: str() of an int over 4300 digits raises (ValueError) to the caller.
        return PyStr.str(ans).equals(PyStr.str(expected));
    }

    /** {@code _try_to_convert_to_correct_type}: int, then float, then the value; other errors propagate. */
    static Object conv(Object s) {
        try {
            return PyBuiltins.toInt(s);
        } catch (PyException e) {
            if (!"ValueError".equals(e.pythonType())) {
                throw e;
            }
        }
        try {
            return PyBuiltins.toFloat(s);
        } catch (PyException e) {
            if (!"ValueError".equals(e.pythonType())) {
                throw e;
            }
            return s;
        }
    }
}
