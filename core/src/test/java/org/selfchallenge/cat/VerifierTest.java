package org.selfchallenge.cat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.selfchallenge.env.Environment;
import org.selfchallenge.env.Environments;
import org.selfchallenge.sandbox.CodeRunner;
import org.selfchallenge.sandbox.CodeSession;
import org.selfchallenge.sandbox.RunStatus;
import org.selfchallenge.sandbox.SandboxLimits;
import org.selfchallenge.sandbox.SharedTestPool;

public class VerifierTest {
    private static final SandboxLimits LIMITS = SandboxLimits.DEFAULT.withTimeoutMs(1_000);
    private final Verifier verifier = new Verifier(SharedTestPool.get(), new CatParser(), LIMITS);
    private final Environment retail = Environments.prototype("retail");

    private Verdict verify(String text) {
        return verifier.verify(retail, text);
    }

    private void assertReason(Reason expected, String text) {
        Verdict v = verify(text);
        assertEquals(expected, v.reason(), v.toJson());
        assertEquals(expected == Reason.VALID, v.valid());
    }

    @Test
    void validRetailExampleIsValid() {
        Verdict v = verify(RetailTasks.valid());
        assertTrue(v.valid(), v.toJson());
        assertEquals(Reason.VALID, v.reason());
        // eval_check, then (case, evaluate) for the solution and 3 failure cases
        List<String> kinds = v.runs().stream().map(RunReport::kind).toList();
        assertEquals(List.of("eval_check", "solution", "evaluate", "failure_case", "evaluate", "failure_case",
                "evaluate", "failure_case", "evaluate"), kinds);
        assertEquals("True", v.runs().get(2).result());
        // failure case 1: the tool's "Error: ..." raised ToolError; evaluate then raised KeyError = reward 0
        assertEquals(RunStatus.RAISED, v.runs().get(3).status());
        assertTrue(v.runs().get(3).error().endsWith(
                "ToolError: Error: payment method should be either the original payment method or a gift card"),
                v.runs().get(3).error());
        assertEquals(RunStatus.RAISED, v.runs().get(4).status());
        assertEquals("False", v.runs().get(6).result());
        assertEquals("False", v.runs().get(8).result());
        assertEquals(Map.of("order_id", "#W1840144", "item_ids", List.of("6017636844"),
                "payment_method_id", "paypal_2306935"), v.runs().get(5).toolCalls().get(0).args());
        // the prototype itself is never touched
        assertFalse(retail.call("get_order_details", Map.of("order_id", "#W1840144")).toString()
                .contains("return_items"));
    }

    @Test
    void sameTaskSameVerdict() {
        Verdict a = verify(RetailTasks.valid());
        Verdict b = verify(RetailTasks.valid());
        assertEquals(strip(a.toJson()), strip(b.toJson()));
        Verdict c = verify(RetailTasks.withFailure(RetailTasks.SOLUTION));
        Verdict d = verify(RetailTasks.withFailure(RetailTasks.SOLUTION));
        assertEquals(strip(c.toJson()), strip(d.toJson()));
    }

    public static String strip(String json) {
        return json.replaceAll("\"(ms|total_ms)\":[0-9.E-]+", "");
    }

    @Test
    void parseError() {
        Verdict v = verify("<instruction>x</instruction><solution>pass</solution><failure_case>pass</failure_case>");
        assertEquals(Reason.PARSE_ERROR, v.reason());
        assertEquals("MISSING_SECTION: missing <evaluation_function>", v.detail());
        assertNull(v.task());
    }

    @Test
    void evalNotExecutable() {
        assertReason(Reason.EVAL_NOT_EXECUTABLE, RetailTasks.withEvaluate("def evaluate(:\n    return True"));
        assertReason(Reason.EVAL_NOT_EXECUTABLE, RetailTasks.withEvaluate("def check():\n    return True"));
        Verdict v = verify(RetailTasks.withEvaluate("def evaluate(:\n    return True"));
        assertEquals(1, v.runs().size()); // rejected before any case ran
    }

    @Test
    void evalRaised() {
        assertReason(Reason.EVAL_RAISED, RetailTasks.withEvaluate(
                "def evaluate():\n    return get_order_details(\"#W1840144\")[\"no_such_field\"] == 1"));
    }

    @Test
    void evalNotBoolean() {
        assertReason(Reason.EVAL_NOT_BOOLEAN, RetailTasks.withEvaluate(
                "def evaluate():\n    return get_order_details(\"#W1840144\").get(\"return_items\")"));
    }

    @Test
    void solutionNotExecutable() {
        assertReason(Reason.SOLUTION_NOT_EXECUTABLE, RetailTasks.withSolution("return_delivered_order_items(("));
    }

    @Test
    void solutionRaised() {
        Verdict v = verify(RetailTasks.withSolution(RetailTasks.WRONG_PAYMENT));
        assertEquals(Reason.SOLUTION_RAISED, v.reason());
        assertTrue(v.detail().endsWith("ToolError: Error: payment method should be either the original payment "
                + "method or a gift card"), v.detail());
    }

    @Test
    void solutionRejected() {
        assertReason(Reason.SOLUTION_REJECTED, RetailTasks.withSolution(RetailTasks.WRONG_ITEM));
    }

    @Test
    void failureCaseNotExecutable() {
        assertReason(Reason.FAILURE_CASE_NOT_EXECUTABLE, RetailTasks.withFailure("if True print(1)"));
    }

    @Test
    void failureCaseAccepted() {
        Verdict v = verify(RetailTasks.withFailure(RetailTasks.SOLUTION));
        assertEquals(Reason.FAILURE_CASE_ACCEPTED, v.reason());
        assertEquals("evaluate() returned True after failure case #2", v.detail());
    }

    @Test
    void timeout() {
        long t0 = System.nanoTime();
        assertReason(Reason.TIMEOUT, RetailTasks.withSolution("while True:\n    pass"));
        assertTrue(System.nanoTime() - t0 < (LIMITS.timeoutMs() + 1_000) * 1_000_000L);
        // the queued result of the compile check was flushed, so the hang is blamed on the right run
        assertEquals("solution: wall-clock limit exceeded; worker killed",
                verify(RetailTasks.withSolution("x = 0\nwhile True:\n    x += 1")).detail());
        assertEquals("evaluate() after the failure case #1: wall-clock limit exceeded; worker killed",
                verify(RetailTasks.withEvaluate("def evaluate():\n    o = get_order_details('#W1840144')\n"
                        + "    if 'return_items' in o:\n        return True\n    while True:\n        pass")).detail());
    }

    @Test
    void sandboxCrash() {
        assertReason(Reason.SANDBOX_CRASH, RetailTasks.withSolution("import os\nos._exit(3)"));
    }

    @Test
    void outputLimit() {
        assertReason(Reason.OUTPUT_LIMIT, RetailTasks.withSolution("while True:\n    print('spam' * 1000)"));
    }

    /** Test double: an engine that only implements sessions, so the interface's default runCases is used. */
    static final class SessionOnlyTestRunner implements CodeRunner {
        private final CodeRunner delegate;

        SessionOnlyTestRunner(CodeRunner delegate) {
            this.delegate = delegate;
        }

        @Override
        public CodeSession open(Environment env, SandboxLimits limits) {
            return delegate.open(env, limits);
        }

        @Override
        public void close() {
        }
    }

    @Test
    void defaultRunCasesGivesTheSameVerdicts() {
        Verifier generic = new Verifier(new SessionOnlyTestRunner(SharedTestPool.get()), new CatParser(), LIMITS);
        assertEquals(Reason.VALID, generic.verify(retail, RetailTasks.valid()).reason());
        assertEquals(Reason.FAILURE_CASE_ACCEPTED, generic.verify(retail, RetailTasks.withFailure(RetailTasks.SOLUTION)).reason());
        assertEquals(Reason.SOLUTION_RAISED, generic.verify(retail, RetailTasks.withSolution(RetailTasks.WRONG_PAYMENT)).reason());
    }

    @Test
    void staticEntryPointUsesTheSharedPool() {
        Verdict v = Verifier.verify("retail", RetailTasks.valid());
        assertTrue(v.valid(), v.toJson());
    }
}
