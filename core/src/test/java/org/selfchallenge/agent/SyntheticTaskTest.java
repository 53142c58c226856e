package org.selfchallenge.agent;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.selfchallenge.cat.CatParser;
import org.selfchallenge.cat.CodeAsTask;
import org.selfchallenge.llm.SamplingParams;
import org.selfchallenge.llm.ScriptedChatModel;
import org.selfchallenge.sandbox.PythonWorkerPool;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/** Executor episodes on synthetic CaT tasks: the reward is the task's own evaluate() in the sandbox. */
class SyntheticTaskTest {
    static PythonWorkerPool pool;
    static ActionSandbox sandbox;
    static final SamplingParams GREEDY = SamplingParams.greedy(256);

    @BeforeAll
    static void start() {
        pool = new PythonWorkerPool(PythonWorkerPool.Config.defaults().withSize(1));
        sandbox = new CatActionSandbox(pool, CatActionSandbox.defaultLimits(), true);
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    private static SyntheticTask task(String env) {
        CodeAsTask cat = new CatParser().parse(ChallengerExamples.catText(env)).task();
        return SyntheticTask.of("synthetic/" + env + "/0", env, cat);
    }

    private static Trajectory run(String env, ScriptedChatModel policy, ScriptedChatModel user) {
        UserSimulator sim = user == null ? null : new UserSimulator(user, GREEDY);
        return new ExecutorEpisode(policy, sandbox, sim, ExecutorEpisode.Config.defaults(10, GREEDY))
                .run(task(env), 0, 0L);
    }

    @Test
    void retailTaskSolvedEarns1AndWrongItemEarns0() {
        Trajectory ok = run("retail", ScriptedChatModel.of(
                "```python\nprint(return_delivered_order_items(order_id='#W2378156', item_ids=['9408160950'],"
                        + " payment_method_id='credit_card_9513926')['status'])\n```",
                "The return is requested."), ScriptedChatModel.of("I want to return my smart watch.", "###STOP###"));
        assertEquals("user_stop", ok.outcome());
        assertEquals("return requested\n", ok.turns().get(3).text());
        assertEquals(1.0, ok.reward());
        assertEquals(Map.of("evaluate", true, "detail", "evaluate() returned True"), ok.info().get("reward_details"));

        Trajectory wrong = run("retail", ScriptedChatModel.of(
                "```python\nreturn_delivered_order_items(order_id='#W2378156', item_ids=['4202497723'],"
                        + " payment_method_id='credit_card_9513926')\n```",
                "Done."), ScriptedChatModel.of("Return my watch.", "###STOP###"));
        assertEquals(0.0, wrong.reward());
    }

    @Test
    void answerTaskReadsTheFinalAnswerMessage() {
        Trajectory ok = run("calculation", ScriptedChatModel.of(
                "```python\nprint(reverse_string(convert_hex_to_ascii('48656c6c6f20576f726c64')))\n```",
                "Answer: dlroW olleH"), null);
        assertEquals("dlroW olleH\n", ok.turns().get(3).text());
        assertEquals("answered", ok.outcome());
        assertEquals(1.0, ok.reward());

        // no retry protocol for synthetic tasks: the first answer ends the episode
        Trajectory wrong = run("calculation", ScriptedChatModel.of("Answer: Hello World", "Answer: dlroW olleH"), null);
        assertEquals("answered", wrong.outcome());
        assertEquals(0.0, wrong.reward());
        assertEquals(1, wrong.policyTurns());
    }

    @Test
    void aStoppedCodeActionIsRecordedWithItsTurn() {
        Trajectory t = run("calculation", ScriptedChatModel.of(
                "```python\nprint(1)\n```",
                "```python\nimport os\nos._exit(3)\n```",
                "```python\nprint('x' * 10_000_000)\n```",
                "Answer: dlroW olleH"), null);
        assertEquals("answered", t.outcome());
        assertEquals(1.0, t.reward());
        assertEquals(List.of(
                Map.of("turn", 2L, "failure", "CRASH: its process exited with code 3 without a result"),
                Map.of("turn", 3L, "failure", "OUTPUT_LIMIT: output limit exceeded (10000000 characters)")),
                t.info().get("sandbox_failures"));
    }

    @Test
    void answerValuesConvertLikeM3() {
        assertEquals(42L, AnswerValues.parse(" 42 "));
        assertEquals(161.25, AnswerValues.parse("161.25"));
        assertEquals(Boolean.FALSE, AnswerValues.parse("False"));
        assertNull(AnswerValues.parse("None"));
        assertEquals(List.of(1L, 2.5), AnswerValues.parse("[1, 2.5]"));
        assertEquals("dlroW olleH", AnswerValues.parse("'dlroW olleH'"));
        assertEquals("gandalf.ceo@magicwand.co", AnswerValues.parse("gandalf.ceo@magicwand.co"));
    }
}
