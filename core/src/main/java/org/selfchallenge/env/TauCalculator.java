package org.selfchallenge.env;

import org.selfchallenge.pyval.PyArithmetic;
import org.selfchallenge.pyval.PyException;
import org.selfchallenge.pyval.PyMath;
import org.selfchallenge.pyval.PyRepr;
import org.selfchallenge.pyval.WorkBudget;

/** The {@code calculate} tool shared by τ-bench retail and airline. */
public final class TauCalculator {
    private TauCalculator() {
    }

    static final String ALLOWED = "0123456789+-*/(). ";

    /**
     * {@code "Error: invalid characters in expression"} unless every character is allowed, else
     * {@code str(round(float(eval(expression)), 2))}, or {@code "Error: {e}"}. Never throws for a str
     * argument: nesting, literal sizes and the arithmetic's cost are bounded ({@link PyArithmetic},
     * {@link WorkBudget}), so a hostile expression costs its caller well under a second.
     */
    public static String calculate(Object expression) {
        if (!(expression instanceof String)) {
            throw new PyException("TypeError", "'" + PyRepr.typeName(expression) + "' object is not iterable");
        }
        String e = (String) expression;
        for (int i = 0; i < e.length(); i++) {
            if (ALLOWED.indexOf(e.charAt(i)) < 0) {
                return "Error: invalid characters in expression";
            }
        }
        try (WorkBudget budget = WorkBudget.open(WorkBudget.DEFAULT_UNITS)) {
            double v = PyArithmetic.toFloat(PyArithmetic.eval(e));
            return PyRepr.floatRepr(PyMath.round(v, 2));
        } catch (PyException ex) {
            return "Error: " + ex.getMessage();
        } catch (StackOverflowError ex) {
            // PyArithmetic stops nesting at CPython's own limits; this is the net for a thread whose
            // stack is smaller than those limits need (a few hundred KB), with Python's runtime message
            return "Error: maximum recursion depth exceeded";
        }
    }
}
