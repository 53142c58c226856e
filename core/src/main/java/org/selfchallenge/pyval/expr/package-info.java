/**
 * Python expressions in Java, for the two places M3ToolEval evaluates model text: the answer checker's
 * {@code ast.literal_eval} ({@link org.selfchallenge.pyval.expr.LiteralEval}) and the {@code calculator}
 * tool's {@code eval} ({@link org.selfchallenge.pyval.expr.PyEvaluator}); plus Python's {@code int(str)} /
 * {@code float(str)} ({@link org.selfchallenge.pyval.expr.PyNumbers}), operators
 * ({@link org.selfchallenge.pyval.expr.PyArith}, numeric work delegated to
 * {@link org.selfchallenge.pyval.PyMath}), comparisons ({@link org.selfchallenge.pyval.expr.PyOps}),
 * builtins ({@link org.selfchallenge.pyval.expr.PyBuiltins}) and {@code str()} of the extra literal types
 * (set, complex, bytes, Ellipsis: {@link org.selfchallenge.pyval.expr.PyStr}, leaves via
 * {@link org.selfchallenge.pyval.PyRepr}).
 *
 * <p>The parser ({@link org.selfchallenge.pyval.expr.PyParser}) follows CPython 3.11's tokenizer and
 * expression grammar for everything a literal or an arithmetic expression can contain; hostile input
 * (deep nesting, huge powers or repetitions) raises SyntaxError/RecursionError/MemoryError instead of
 * exhausting the JVM. Nothing here executes code: names resolve only to the callables a caller passes.
 */
package org.selfchallenge.pyval.expr;
