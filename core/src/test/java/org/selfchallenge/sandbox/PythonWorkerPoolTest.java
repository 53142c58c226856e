package org.selfchallenge.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.selfchallenge.pyval.PyTuple;

class PythonWorkerPoolTest {
    private final PythonWorkerPool pool = SharedTestPool.get();
    private final SandboxLimits limits = SandboxLimits.DEFAULT;

    private RunResult runOnce(String code) {
        try (CodeSession s = pool.open(new KeyValueTestEnvironment(), limits)) {
            return s.run(code);
        }
    }

    @Test
    void toolsReturnTypedFreshPythonValues() {
        RunResult r = runOnce("r = get('a')\nprint(r['n'], type(r['n']).__name__)\nr['n'] = 99\nprint(get('a')['n'])");
        assertEquals(RunStatus.OK, r.status(), r.error());
        assertEquals("1 int\n1\n", r.stdout());
        assertEquals(2, r.toolCalls().size());
        assertEquals(Map.of("key", "a"), r.toolCalls().get(0).args());
    }

    @Test
    void positionalKeywordAndVarargs() {
        RunResult r = runOnce("put('b', [1, 2.5, (3, 'x')])\nprint(get(key='b'))\nprint(total(1, 2, 3.5))");
        assertEquals(RunStatus.OK, r.status(), r.error());
        // 1 + 2 + 3.5 = 6.5; the tuple survives the round trip through Java
        assertEquals("[1, 2.5, (3, 'x')]\n6.5\n", r.stdout());
        assertEquals(Map.of("numbers", PyTuple.of(1L, 2L, 3.5)), r.toolCalls().get(2).args());
    }

    @Test
    void toolExceptionsRaiseTheirPythonType() {
        RunResult r = runOnce("try:\n    fail('boom')\nexcept ValueError as e:\n    print('caught', e)\nget('zz')");
        assertEquals(RunStatus.RAISED, r.status());
        assertEquals("caught boom\n", r.stdout());
        assertTrue(r.error().endsWith("KeyError: \"'zz'\""), r.error());
        assertEquals("ValueError: boom", r.toolCalls().get(0).error());
    }

    @Test
    void badArgumentsRaiseTypeErrorLikeAPythonFunction() {
        assertTrue(runOnce("get(nope=1)").error().endsWith("TypeError: get() got an unexpected keyword argument 'nope'"));
        assertTrue(runOnce("get('a', key='a')").error().endsWith("TypeError: get() got multiple values for argument 'key'"));
        assertTrue(runOnce("get('a', 'b')").error().endsWith("TypeError: get() takes 1 positional arguments but 2 were given"));
        assertTrue(runOnce("put('a')").error().endsWith("TypeError: put() missing required argument(s): 'value'"));
        assertTrue(runOnce("get({1, 2})").error().contains("TypeError: values passed to tools"));
    }

    @Test
    void sessionKeepsNamespaceAndEvaluateRunsInItsOwn() {
        KeyValueTestEnvironment env = new KeyValueTestEnvironment();
        try (CodeSession s = pool.open(env, limits)) {
            assertEquals(RunStatus.OK, s.run("x = 41\nput('b', {'k': [1, 2]})").status());
            assertEquals("42\n", s.run("print(x + 1)").stdout());
            RunResult e = s.evaluate("def evaluate():\n    try:\n        x\n        return False\n"
                    + "    except NameError:\n        return get('b') == {'k': [1, 2]}", null);
            assertTrue(e.returnedTrue(), String.valueOf(e));
        }
        assertEquals(Map.of("k", List.of(1L, 2L)), env.state().get("b"));
    }

    @Test
    void submitAnswerReachesFinalAnswer() {
        try (CodeSession s = pool.open(new KeyValueTestEnvironment(), limits)) {
            RunResult r = s.run("submit_answer((1, [2.0, 'b']))");
            assertTrue(r.hasAnswer());
            assertEquals(PyTuple.of(1L, List.of(2.0, "b")), s.submittedAnswer());
            RunResult e = s.evaluate("def evaluate():\n    return final_answer() == (1, [2.0, 'b'])", s.submittedAnswer());
            assertTrue(e.returnedTrue(), String.valueOf(e));
        }
    }

    @Test
    void evaluateOutcomes() {
        try (CodeSession s = pool.open(new KeyValueTestEnvironment(), limits)) {
            RunResult nonBool = s.evaluate("def evaluate():\n    return 1", null);
            assertEquals(RunStatus.OK, nonBool.status());
            assertNull(nonBool.value());
            assertEquals("int", nonBool.valueType());
            assertEquals(RunStatus.NO_EVALUATE, s.evaluate("def evaluat():\n    return True", null).status());
            assertEquals(RunStatus.SYNTAX_ERROR, s.evaluate("def evaluate(:\n    return True", null).status());
            assertTrue(s.evaluate("def evaluate():\n    return final_answer() is None", null).returnedTrue());
        }
    }

    @Test
    void stdoutIsCutButCounted() {
        try (CodeSession s = pool.open(new KeyValueTestEnvironment(), new SandboxLimits(2000, 100, 1_000_000, 100))) {
            RunResult r = s.run("print('x' * 20000)");
            assertEquals(RunStatus.OK, r.status());
            assertEquals("x".repeat(100), r.stdout());
            assertEquals(20001, r.stdoutChars());
        }
    }

    @Test
    void unicodeRoundTrips() {
        RunResult r = runOnce("print(echo('h\u00e9llo \u2603 \\ud83d'))");
        assertEquals(RunStatus.OK, r.status(), r.error());
        assertEquals("h\u00e9llo \u2603 \ud83d\n", r.stdout());
    }

    @Test
    void syntaxErrorIsReported() {
        RunResult r = runOnce("def f(:\n  pass");
        assertEquals(RunStatus.SYNTAX_ERROR, r.status());
        assertTrue(r.error().startsWith("SyntaxError"), r.error());
    }
}
