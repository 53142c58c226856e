package org.selfchallenge.cat;

import org.selfchallenge.perf.BenchTasks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.selfchallenge.env.Environments;
import org.selfchallenge.sandbox.RunStatus;
import org.selfchallenge.sandbox.SandboxLimits;
import org.selfchallenge.sandbox.SharedTestPool;

class ChallengerPromptTest {

    @Test
    void promptStatesTheConventionsTheSandboxImplements() {
        String p = ChallengerPrompt.conventions();
        for (String s : new String[] {"<instruction>", "<evaluation_function>", "<solution>", "<failure_case>",
            "ToolError(\"Error: ...\")", "submit_answer(x)", "final_answer()", "keyword arguments", "positional"}) {
            assertTrue(p.contains(s), s);
        }
    }

    @Test
    void webBrowsingIsAnswerBasedToo() {
        // the browser state lives in Java: view() shows the current page; the answer is the page's first line
        Verifier v = new Verifier(SharedTestPool.get(), new CatParser(), SandboxLimits.DEFAULT);
        String text = BenchTasks.tagged("Report the first line of the start page.",
                "def evaluate():\n    return isinstance(final_answer(), str) and final_answer() == view().splitlines()[0]",
                "submit_answer(view().splitlines()[0])",
                "submit_answer('nothing')");
        Verdict d = v.verify(Environments.prototype("web"), text);
        assertEquals(Reason.VALID, d.reason(), d.toJson());
        assertEquals(RunStatus.OK, d.runs().get(1).status());
    }
}
