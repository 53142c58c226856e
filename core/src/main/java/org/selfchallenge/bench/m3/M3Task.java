package org.selfchallenge.bench.m3;

import org.selfchallenge.env.Environment;
import org.selfchallenge.env.calculation.CalculationEnvironment;
import org.selfchallenge.env.calculation.PyToolbox;
import org.selfchallenge.env.web.WebEnvironment;
import org.selfchallenge.pyval.expr.PyStr;

/**
 * One M3ToolEval task.
 *
 * @param name              {@code domain/task}, e.g. {@code trade_calculator/estimate_final_value}
 * @param domain            upstream domain (the tool set the task sees)
 * @param instruction       the instruction, as inserted into the prompt
 * @param expected          the expected answer as a Python value (str, Long, Double, Boolean, list,
 *                          dict, {@link org.selfchallenge.pyval.PyTuple}), computed upstream at import time
 * @param singleToolTask    upstream {@code is_single_tool_task} (false for all 82 tasks)
 */
public record M3Task(String name, String domain, String instruction, Object expected, boolean singleToolTask) {

    public static final String WEB_DOMAIN = "web_browsing";

    /** {@code str(expected_output)}: the one answer string that every task accepts. */
    public String expectedStr() {
        return PyStr.str(expected);
    }

    /** Upstream {@code check_answer(answer)}. */
    public boolean check(String answer) {
        return M3Checker.check(expected, answer);
    }

    public boolean isWeb() {
        return WEB_DOMAIN.equals(domain);
    }

    /** A new environment for one episode: the domain's calculation view, or a fresh browser on "/". */
    public Environment newEnvironment() {
        return isWeb() ? WebEnvironment.create() : CalculationEnvironment.forDomain(domain);
    }

    /** The tools of a new episode environment, for the text/JSON action protocol. */
    public static PyToolbox toolbox(Environment env) {
        if (env instanceof WebEnvironment w) {
            return w.toolbox();
        }
        if (env instanceof CalculationEnvironment c) {
            return c.toolbox();
        }
        throw new IllegalArgumentException("not an M3ToolEval environment: " + env.name());
    }
}
