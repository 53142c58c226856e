package org.selfchallenge.pyval.expr;

import java.util.List;
import java.util.Map;

/** Something callable from an evaluated Python expression (a builtin or an environment tool). */
@FunctionalInterface
public interface PyFunction {
    Object call(List<Object> args, Map<String, Object> kwargs);

    /** {@code type(f).__name__}: "builtin_function_or_method" for builtins, "function" for tools. */
    default String pythonTypeName() {
        return "function";
    }
}
