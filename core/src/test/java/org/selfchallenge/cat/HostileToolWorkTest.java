package org.selfchallenge.cat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.selfchallenge.env.Environment;
import org.selfchallenge.env.Environments;
import org.selfchallenge.sandbox.SandboxLimits;
import org.selfchallenge.sandbox.SharedTestPool;

/**
 * Solutions that ask the JVM-side {@code calculate} tool for hostile work (deep nesting, huge literals, big
 * powers): each call is that call's ToolError, the task stays VALID, each run ends within the 1 s timeout
 * + 1 s including the tool work, and the task after it verifies exactly as alone.
 */
class HostileToolWorkTest {
    private static final SandboxLimits LIMITS = SandboxLimits.DEFAULT.withTimeoutMs(1_000);
    private static final long RUN_BOUND_NANOS = (LIMITS.timeoutMs() + 1_000) * 1_000_000L;

    private final Verifier verifier = new Verifier(SharedTestPool.get(), new CatParser(), LIMITS);
    private final Environment retail = Environments.prototype("retail");

    /** Python expression building the argument → what the tool error says (upstream's text). */
    private static final List<String[]> CALLS = List.of(
            new String[] {"'(' * 3000 + '1' + ')' * 3000", "Error: too many nested parentheses (<string>, line 1)"},
            new String[] {"'-' * 100000 + '1'", "Error: "},
            new String[] {"'1+' * 100000 + '1'", "Error: maximum recursion depth exceeded during compilation"},
            new String[] {"'7' * 1000000", "Error: Exceeds the limit (4300 digits) for integer string conversion: value has "
                    + "1000000 digits; use sys.set_int_max_str_digits() to increase the limit - Consider hexadecimal for "
                    + "huge integer literals to avoid decimal conversion limits. (<string>, line 1)"},
            new String[] {"'9**262144+' * 1000 + '1'", "Error: expression too costly to evaluate (over 4194304 units of "
                    + "work: bits of big integers, elements of sequences)"});

    @Test
    void hostileToolCallsAreToolErrorsWithinTheDeadline() {
        String normal = RetailTasks.valid();
        String alone = VerifierTest.strip(verifier.verify(retail, normal).toJson());
        for (String[] c : CALLS) {
            String solution = "try:\n    calculate(" + c[0] + ")\nexcept ToolError as e:\n    print(e)\n" + RetailTasks.SOLUTION;
            Verdict v = verifier.verify(retail, RetailTasks.withSolution(solution));
            assertEquals(Reason.VALID, v.reason(), c[0] + ": " + v.toJson());
            RunReport run = v.runs().get(1);
            assertEquals("solution", run.kind(), v.toJson());
            assertEquals(c[1] + "\n", run.stdout(), c[0]);
            assertEquals(c[1], run.toolCalls().get(0).error().replaceFirst("^ToolError: ", ""), c[0]);
            for (RunReport r : v.runs()) {
                assertTrue(r.nanos() < RUN_BOUND_NANOS, c[0] + ": run took " + r.nanos() / 1e6 + " ms");
            }
            assertEquals(alone, VerifierTest.strip(verifier.verify(retail, normal).toJson()), c[0]);
        }
    }
}
