package org.selfchallenge.cat;

import org.selfchallenge.perf.BenchTasks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.selfchallenge.env.Environments;
import org.selfchallenge.sandbox.SandboxLimits;
import org.selfchallenge.sandbox.SharedTestPool;

/** Answer-based tasks (calculation): submit_answer(x) in case code, final_answer() in evaluate(). */
class AnswerBasedVerifierTest {
    private final Verifier verifier = new Verifier(SharedTestPool.get(), new CatParser(), SandboxLimits.DEFAULT);

    // "68656c6c6f" is the ASCII of "hello"; reversed: "olleh"
    private static final String EVAL = "def evaluate():\n    return final_answer() == \"olleh\"";
    private static final String SOLUTION = "text = convert_hex_to_ascii(\"68656c6c6f\")\nsubmit_answer(reverse_string(text))";

    @Test
    void answerTaskIsValid() {
        String text = BenchTasks.tagged("Decode 68656c6c6f and reverse it.", EVAL, SOLUTION,
                "submit_answer(convert_hex_to_ascii(\"68656c6c6f\"))",
                "text = convert_hex_to_ascii(\"68656c6c6f\")",          // no answer: final_answer() is None
                "submit_answer(string_length(\"olleh\"))");
        Verdict v = verifier.verify(Environments.prototype("calculation"), text);
        assertTrue(v.valid(), v.toJson());
    }

    @Test
    void wrongAnswerIsRejected() {
        String text = BenchTasks.tagged("Decode 68656c6c6f and reverse it.", EVAL,
                "submit_answer(convert_hex_to_ascii(\"68656c6c6f\"))", "submit_answer(1)");
        Verdict v = verifier.verify(Environments.prototype("calculation"), text);
        assertEquals(Reason.SOLUTION_REJECTED, v.reason(), v.toJson());
    }

    @Test
    void toolExceptionsRaiseTheirPythonType() {
        // int("zz", 16) fails in the upstream tool: ValueError, caught by the solution
        String text = BenchTasks.tagged("x", EVAL,
                "try:\n    convert_hex_to_ascii(\"zz\")\nexcept ValueError:\n    submit_answer(\"olleh\")",
                "submit_answer(\"hello\")");
        Verdict v = verifier.verify(Environments.prototype("calculation"), text);
        assertTrue(v.valid(), v.toJson());
        assertTrue(v.runs().get(1).toolCalls().get(0).error().startsWith("ValueError"), v.toJson());
    }
}
