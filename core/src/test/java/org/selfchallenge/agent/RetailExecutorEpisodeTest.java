package org.selfchallenge.agent;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.selfchallenge.bench.TauBenchTask;
import org.selfchallenge.bench.tau.TauTasks;
import org.selfchallenge.llm.SamplingParams;
import org.selfchallenge.llm.ScriptedChatModel;
import org.selfchallenge.sandbox.PythonWorkerPool;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Full executor episodes on the real retail environment and the real CPython sandbox, driven by a
 * scripted policy and a scripted user. Task: τ-bench retail test task 0 (exchange keyboard and
 * thermostat of order #W2378156); its ground truth is
 * exchange_delivered_order_items(#W2378156, [1151293680, 4983901480] -> [7706410293, 7747408585], credit_card_9513926).
 */
class RetailExecutorEpisodeTest {
    static PythonWorkerPool pool;
    static ActionSandbox sandbox;
    static final SamplingParams GREEDY = SamplingParams.greedy(512);

    @BeforeAll
    static void start() {
        pool = new PythonWorkerPool(PythonWorkerPool.Config.defaults().withSize(2));
        sandbox = new CatActionSandbox(pool, CatActionSandbox.defaultLimits().withTimeoutMs(1500), true);
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    private static TauBenchTask task0() {
        return new TauBenchTask("retail", "test", TauTasks.load("retail", "test").get(0));
    }

    private static String code(String c) {
        return "I will do that.\n```python\n" + c + "\n```";
    }

    private static Trajectory run(ScriptedChatModel policy, ScriptedChatModel user) {
        ExecutorEpisode ep = new ExecutorEpisode(policy, sandbox, new UserSimulator(user, GREEDY),
                ExecutorEpisode.Config.defaults(30, GREEDY));
        return ep.run(task0(), 0, 7L);
    }

    @Test
    void solvingTheTaskWithCodeActionsEarnsReward1() {
        ScriptedChatModel policy = ScriptedChatModel.of(
                code("uid = find_user_id_by_name_zip(first_name='Yusuf', last_name='Rossi', zip='19122')\nprint(uid)"),
                code("order = get_order_details(order_id='#W2378156')\n"
                        + "print([(i['name'], i['item_id']) for i in order['items']])"),
                code("r = exchange_delivered_order_items(order_id='#W2378156', item_ids=['1151293680', '4983901480'],"
                        + " new_item_ids=['7706410293', '7747408585'], payment_method_id='credit_card_9513926')\n"
                        + "print(r['status'])"),
                "Your exchange has been requested. Anything else?");
        ScriptedChatModel user = ScriptedChatModel.of("Hi, I want to exchange two items from my order #W2378156.",
                "###STOP###");
        Trajectory t = run(policy, user);

        assertEquals("user_stop", t.outcome());
        assertEquals(1.0, t.reward());
        List<Turn> turns = t.turns();
        assertEquals("system", turns.get(0).kind());
        assertTrue(turns.get(0).text().startsWith("# Retail agent policy"), turns.get(0).text().substring(0, 40));
        assertTrue(turns.get(0).text().contains("- exchange_delivered_order_items(order_id: str, item_ids: list,"
                + " new_item_ids: list, payment_method_id: str)"));
        assertEquals("Hi, I want to exchange two items from my order #W2378156.", turns.get(1).text());
        // the observation of the first code action is the printed user id
        assertEquals("observation", turns.get(3).kind());
        assertEquals("yusuf_rossi_9620\n", turns.get(3).text());
        assertEquals("find_user_id_by_name_zip", turns.get(3).toolCalls().get(0).name());
        assertEquals("[('Headphones', '4202497723'), ('Vacuum Cleaner', '4602305039'), ('Mechanical Keyboard',"
                + " '1151293680'), ('Smart Thermostat', '4983901480'), ('Smart Watch', '9408160950')]\n",
                turns.get(5).text());
        assertEquals("exchange requested\n", turns.get(7).text());
        assertEquals("###STOP###", turns.get(9).text());
        assertEquals(4, t.policyTurns());
        assertTrue(turns.stream().filter(Turn::policy).allMatch(x -> x.role().equals("assistant")));
        @SuppressWarnings("unchecked")
        Map<String, Object> rd = (Map<String, Object>) t.info().get("reward_details");
        assertEquals(true, rd.get("actions_match"));
        assertEquals(rd.get("gold_hash"), rd.get("agent_hash"));
        assertEquals("retail/test/0#0@7", t.id());
        assertEquals("retail", t.lineage().env());
        assertEquals(7L, t.lineage().seed());
        // policy turn k is sampled with seed 7 + k
        assertEquals(List.of(7L, 8L, 9L, 10L), policy.seen().stream().map(r -> r.params().seed()).toList());
    }

    @Test
    void aWrongFinalStateEarnsReward0() {
        ScriptedChatModel policy = ScriptedChatModel.of(
                // only the keyboard is exchanged: a different final state from the ground truth
                code("print(exchange_delivered_order_items(order_id='#W2378156', item_ids=['1151293680'],"
                        + " new_item_ids=['7706410293'], payment_method_id='credit_card_9513926')['status'])"),
                "Done.");
        ScriptedChatModel user = ScriptedChatModel.of("Exchange please.", "Thanks ###STOP###");
        Trajectory t = run(policy, user);
        assertEquals("user_stop", t.outcome());
        assertEquals(0.0, t.reward());
        @SuppressWarnings("unchecked")
        Map<String, Object> rd = (Map<String, Object>) t.info().get("reward_details");
        assertEquals(false, rd.get("actions_match"));
    }

    @Test
    void badActionsAreObservationsAndTheEpisodeContinues() {
        ScriptedChatModel policy = ScriptedChatModel.of(
                "```python\nprint('never closed')",                                   // malformed
                code("print(cancel_everything(order_id='#W2378156'))"),                 // unknown tool
                code("print('x' * 1000000)"),                                           // huge output
                code("import os\nprint(os.system('touch /tmp/selfchallenge_pwned'))"), // hostile
                code("while True:\n    pass"),                                          // never ends
                code("print(get_order_details(order_id='#W0000000'))"),                 // tool error
                code("import os\nos._exit(3)"),                                         // kills its process
                code("print(get_user_details(user_id='yusuf_rossi_9620')['email'])"),  // still works
                "Sorry, I could not help.");
        ScriptedChatModel user = ScriptedChatModel.of("Hello.", "###STOP###");
        Trajectory t = run(policy, user);
        List<Turn> obs = t.turns().stream().filter(x -> x.kind().equals("observation")).toList();
        assertEquals(8, obs.size());
        assertEquals("Your code block was not closed with ```; nothing was run.", obs.get(0).text());
        assertTrue(obs.get(1).text().contains("NameError"), obs.get(1).text());
        assertTrue(obs.get(1).text().contains("cancel_everything"), obs.get(1).text());
        assertTrue(obs.get(2).text().endsWith(ExecutorEpisode.TRUNCATED), obs.get(2).text().substring(0, 20));
        assertEquals(ExecutorEpisode.Config.DEFAULT_MAX_OBSERVATION_CHARS + ExecutorEpisode.TRUNCATED.length(),
                obs.get(2).text().length());
        assertNotEquals("0\n", obs.get(3).text(), "os.system must not succeed");
        assertFalse(new java.io.File("/tmp/selfchallenge_pwned").exists());
        assertTrue(obs.get(4).text().contains("did not finish in time"), obs.get(4).text());
        assertTrue(obs.get(5).text().contains("ToolError: Error: order not found"), obs.get(5).text());
        assertTrue(obs.get(6).text().startsWith("Error:"), obs.get(6).text());
        assertEquals("yusuf.rossi7301@example.com\n", obs.get(7).text());
        assertEquals("user_stop", t.outcome());
        assertEquals(9, t.policyTurns());
        // nothing changed the data and task 0 needs an exchange: reward 0, but computed
        assertEquals(0.0, t.reward());
        assertNotNull(t.info().get("reward_details"));
    }

    @Test
    void runningOutOfTurnsScoresZeroWithoutReward() {
        ScriptedChatModel policy = ScriptedChatModel.fn(r -> code("print(1)"));
        ScriptedChatModel user = ScriptedChatModel.of("Hello.");
        ExecutorEpisode ep = new ExecutorEpisode(policy, sandbox, new UserSimulator(user, GREEDY),
                ExecutorEpisode.Config.defaults(3, GREEDY));
        Trajectory t = ep.run(task0(), 1, 1L);
        assertEquals("max_turns", t.outcome());
        assertEquals(0.0, t.reward());
        assertEquals(3, t.policyTurns());
        assertNull(t.info().get("reward_details"));
    }

    @Test
    void aDeadBackendIsARecordedOutcome() {
        ScriptedChatModel policy = ScriptedChatModel.of(code("print(1)"));
        ScriptedChatModel user = ScriptedChatModel.of("Hello.");
        Trajectory t = run(policy, user);
        assertEquals("model_error", t.outcome());
        assertTrue(((String) t.info().get("error")).contains("script exhausted"));
        assertEquals(0.0, t.reward());
    }

    @Test
    void aConversationPastTheContextBudgetEndsWithMaxTokens() {
        ScriptedChatModel policy = ScriptedChatModel.fn(r -> code("print('y' * 3000)"));
        ScriptedChatModel user = ScriptedChatModel.of("Hello.");
        ExecutorEpisode ep = new ExecutorEpisode(policy, sandbox, new UserSimulator(user, GREEDY),
                new ExecutorEpisode.Config(30, 20_000, 4_000, GREEDY));
        Trajectory t = ep.run(task0(), 0, 0L);
        assertEquals("max_tokens", t.outcome());
        assertEquals(0.0, t.reward());
        // before each policy turn the context is system + "Hello." + n * (reply + 3001-char observation);
        // the episode stops at the first n where that exceeds 20,000 characters
        long base = t.turns().get(0).text().length() + "Hello.".length();
        long perTurn = code("print('y' * 3000)").length() + 3001;
        long expected = (20_000 - base) / perTurn + 1;
        assertEquals(expected, t.policyTurns());
        assertTrue(expected >= 1);
    }

    @Test
    void aRewardThatThrowsIsARecordedOutcome() {
        TauBenchTask real = task0();
        ExecutorTask broken = new ExecutorTask() {
            public String id() { return real.id(); }
            public org.selfchallenge.env.Environment environment() { return real.environment(); }
            public String instruction() { return real.instruction(); }
            public boolean conversational() { return true; }
            public Reward reward(Ending ending) { throw new IllegalStateException("evaluation unavailable"); }
        };
        ExecutorEpisode ep = new ExecutorEpisode(ScriptedChatModel.of("Bye."), sandbox,
                new UserSimulator(ScriptedChatModel.of("Hi.", "###STOP###"), GREEDY),
                ExecutorEpisode.Config.defaults(30, GREEDY));
        Trajectory t = ep.run(broken, 0, 0L);
        assertEquals("reward_error", t.outcome());
        assertEquals(0.0, t.reward());
        assertTrue(((String) t.info().get("error")).contains("evaluation unavailable"));
    }

    @Test
    void aNullReplyFromABackendIsMalformedNotACrash() {
        ScriptedChatModel policy = ScriptedChatModel.completions(List.of(
                new org.selfchallenge.llm.Completion(null, null, null, "stop"),
                org.selfchallenge.llm.Completion.textOnly("Bye.")));
        Trajectory t = run(policy, ScriptedChatModel.of("Hi.", "###STOP###"));
        assertEquals("malformed", t.turns().get(2).kind());
        assertEquals("", t.turns().get(2).text());
        assertEquals("user_stop", t.outcome());
    }
}
