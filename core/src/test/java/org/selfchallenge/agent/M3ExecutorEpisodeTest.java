package org.selfchallenge.agent;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.selfchallenge.bench.M3BenchTask;
import org.selfchallenge.bench.m3.M3Tasks;
import org.selfchallenge.llm.SamplingParams;
import org.selfchallenge.llm.ScriptedChatModel;
import org.selfchallenge.sandbox.PythonWorkerPool;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/**
 * M3ToolEval benchmark protocol in executor episodes (benchmarks.md §2.2): wrong answers get the
 * upstream feedback and the episode continues; a correct answer within 10 turns succeeds.
 * Task: message_decoder/full_alien_message_decoding, expected 'fchahcufcu' (upstream data).
 */
class M3ExecutorEpisodeTest {
    static PythonWorkerPool pool;
    static ActionSandbox sandbox;
    static final SamplingParams GREEDY = SamplingParams.greedy(512);
    static final String FEEDBACK = "Your answer is incorrect. Please try again. Note that you should ONLY output the"
            + " answer (e.g., single number), without any other text.";

    @BeforeAll
    static void start() {
        pool = new PythonWorkerPool(PythonWorkerPool.Config.defaults().withSize(1));
        sandbox = new CatActionSandbox(pool, CatActionSandbox.defaultLimits(), true);
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    private static M3BenchTask task() {
        return new M3BenchTask("calculation", M3Tasks.get().byName("message_decoder/full_alien_message_decoding"));
    }

    private static Trajectory run(ScriptedChatModel policy, int maxTurns) {
        return new ExecutorEpisode(policy, sandbox, null, ExecutorEpisode.Config.defaults(maxTurns, GREEDY))
                .run(task(), 0, 3L);
    }

    @Test
    void wrongThenRightAnswerFollowsTheUpstreamProtocol() {
        ScriptedChatModel policy = ScriptedChatModel.of(
                "```python\nprint(caesar_decode(reverse_string(convert_hex_to_ascii('7a686b7a686d666d686b')), 5))\n```",
                "Answer: fchahcufcx",
                "Thought: I mistyped.\nAnswer: fchahcufcu");
        Trajectory t = run(policy, 10);
        assertEquals("answered", t.outcome());
        assertEquals(1.0, t.reward());
        List<String> kinds = t.turns().stream().map(Turn::kind).toList();
        assertEquals(List.of("system", "instruction", "code", "observation", "answer", "feedback", "answer"), kinds);
        assertEquals("fchahcufcu\n", t.turns().get(3).text());
        assertEquals(FEEDBACK, t.turns().get(5).text());
        assertEquals("user", t.turns().get(5).role());
        assertTrue(t.turns().get(1).text().startsWith("Instruction: Decode an alien message"));
        assertEquals("fchahcufcu", t.info().get("final_answer"));
        // the second policy request already contains the feedback
        assertEquals(FEEDBACK, policy.seen().get(2).messages().get(5).content());
    }

    @Test
    void onlyWrongAnswersUntilTheTurnLimitScoreZero() {
        ScriptedChatModel policy = ScriptedChatModel.fn(r -> "Answer: 42");
        Trajectory t = run(policy, 10);
        assertEquals("max_turns", t.outcome());
        assertEquals(0.0, t.reward());
        assertEquals(10, t.policyTurns());
        assertEquals(10, t.turns().stream().filter(x -> x.kind().equals("feedback")).count());
    }

    @Test
    void submitAnswerInCodeIsAFinalAnswerToo() {
        ScriptedChatModel policy = ScriptedChatModel.of(
                "```python\nsubmit_answer(caesar_decode(reverse_string(convert_hex_to_ascii('7a686b7a686d666d686b')), 5))\n```");
        Trajectory t = run(policy, 10);
        assertEquals("answered", t.outcome());
        assertEquals(1.0, t.reward());
        assertEquals("fchahcufcu", t.info().get("final_answer"));
    }

    @Test
    void codeAndAnswerInOneReplyIsMalformedAndUnknownToolsAreObservations() {
        ScriptedChatModel policy = ScriptedChatModel.of(
                "Answer: x\n```python\nprint(1)\n```",
                "```python\nprint(decode_everything('7a68'))\n```",
                "Answer: fchahcufcu");
        Trajectory t = run(policy, 10);
        assertEquals(1.0, t.reward());
        List<Turn> obs = t.turns().stream().filter(x -> x.kind().equals("observation")).toList();
        assertTrue(obs.get(0).text().contains("both code and 'Answer:'"));
        assertTrue(obs.get(1).text().contains("NameError"), obs.get(1).text());
    }
}
