package org.selfchallenge.env.calculation;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.selfchallenge.pyval.PyRepr;
import org.selfchallenge.pyval.WorkBudget;
import org.selfchallenge.pyval.expr.PyEvaluator;
import org.selfchallenge.pyval.expr.PyFunction;

/**
 * {@code calculator(expression)}: upstream is {@code try: return eval(expression) except: return
 * f"Failed to evaluate expression: {expression}"}. It never raises: any failure, including a
 * non-str argument (eval's TypeError), a syntax error or a ZeroDivisionError, returns the failure text.
 * The expression sees the builtins plus the functions of the tool's module (trade_calculator's tools;
 * web_browsing's {@code calculator}); see {@link PyEvaluator} for what is not ported.
 */
public final class CalculatorTool extends PyTool {
    public static final String NAME = "calculator";
    public static final String FAILURE_PREFIX = "Failed to evaluate expression: ";

    private final Map<String, PyFunction> moduleFunctions = new LinkedHashMap<>();

    public CalculatorTool() {
        super(NAME, "Evaluates the given expression and returns the result. Accepts a calculation expression as input. For example, \"2 + (3 * 4)\" will return 14.",
                "calculator(expression: str) -> float", null, null, true, "expression", STRING);
        moduleFunctions.put(NAME, this);
    }

    /** Makes {@code tools} callable from expressions (upstream's module globals). */
    public CalculatorTool withModuleFunctions(List<? extends PyTool> tools) {
        tools.forEach(t -> moduleFunctions.put(t.name(), t));
        return this;
    }

    @Override
    protected Object invoke(Object[] p, List<Object> extra) {
        Object expr = p[0];
        try (WorkBudget budget = WorkBudget.open(WorkBudget.DEFAULT_UNITS)) {
            if (!(expr instanceof String s)) {
                throw new IllegalArgumentException("eval() arg 1 must be a string, bytes or code object");
            }
            Object v = new PyEvaluator(PyEvaluator.withBuiltins(moduleFunctions)).eval(s);
            if (v instanceof PyFunction) {
                throw new IllegalArgumentException("function objects cannot leave the calculator");
            }
            return v;
        } catch (RuntimeException | StackOverflowError e) {
            return FAILURE_PREFIX + PyRepr.str(expr);
        }
    }
}
