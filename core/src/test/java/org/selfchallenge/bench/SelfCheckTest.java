package org.selfchallenge.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.selfchallenge.agent.ActionSandbox;
import org.selfchallenge.agent.CatActionSandbox;
import org.selfchallenge.agent.ExecutorEpisode;
import org.selfchallenge.agent.UserSimulator;
import org.selfchallenge.bench.tau.TauTasks;
import org.selfchallenge.llm.ChatModel;
import org.selfchallenge.llm.SamplingParams;
import org.selfchallenge.sandbox.PythonWorkerPool;

import java.io.InputStream;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The harness self-checks through the real episode loop, sandbox and τ-bench reward: gold replay must
 * score 100%; noop must score exactly the share of tasks whose ground truth leaves the data unchanged
 * and needs no outputs, taken from the upstream reference vectors (computed by the original Python).
 */
class SelfCheckTest {
    static PythonWorkerPool pool;
    static ActionSandbox sandbox;
    static final SamplingParams GREEDY = SamplingParams.greedy(64);

    @BeforeAll
    static void start() {
        pool = new PythonWorkerPool(PythonWorkerPool.Config.defaults().withSize(2));
        sandbox = new CatActionSandbox(pool, CatActionSandbox.defaultLimits(), true);
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    private static EvalSummary run(String env, String split, ChatModel fixedPolicy) {
        return run(env, split, fixedPolicy, BenchmarkTasks.load(env, split));
    }

    private static EvalSummary run(String env, String split, ChatModel fixedPolicy, List<BenchmarkTask> tasks) {
        UserSimulator user = new UserSimulator(new SelfCheckUser(), GREEDY);
        ExecutorEpisode.Config cfg = ExecutorEpisode.Config.defaults(ExecutorEpisode.Config.TAU_MAX_TURNS, GREEDY);
        BenchmarkEvaluator ev = new BenchmarkEvaluator(bt -> new ExecutorEpisode(
                fixedPolicy != null ? fixedPolicy : bt.goldReplay(), sandbox, user, cfg), 1, 0L, 2);
        BenchmarkEvaluator.Report r = ev.evaluate(env, split, tasks, "self-check", SelfCheckUser.ID, null);
        for (TaskResult tr : r.results()) {
            if (fixedPolicy == null) assertEquals(1, tr.correct(), tr.taskId() + " " + tr.outcomes());
        }
        return r.summary();
    }

    @Test
    void goldReplayScores100PercentOnRetailTest() {
        EvalSummary s = run("retail", "test", null);
        assertEquals(115, s.tasks());
        assertEquals(1.0, s.passAt1());
        assertEquals(1.0, s.passAtK());
    }

    @Test
    void noopScoresTheUnchangedNoOutputShareOnRetailDev() throws Exception {
        JsonNode ref;
        try (InputStream in = getClass().getResourceAsStream("/conformance/taubench/retail_reference.json")) {
            ref = new ObjectMapper().readTree(in);
        }
        JsonNode dev = ref.get("splits").get("dev");
        var tasks = TauTasks.load("retail", "dev");
        int unchanged = 0;
        for (int i = 0; i < tasks.size(); i++) {
            boolean sameHash = dev.get(i).get("gt_data_hash").asText().equals(ref.get("initial_data_hash").asText());
            if (sameHash && tasks.get(i).outputs().isEmpty()) unchanged++;
        }
        EvalSummary s = run("retail", "dev", new NoopPolicy());
        assertEquals(20, s.tasks());
        assertEquals((double) unchanged / 20, s.passAt1());
        assertEquals(1.0 / 20, s.passAt1(), "upstream vectors: exactly one dev task is read-only without outputs");
    }

    @Test
    void goldReplayScores100PercentOnAirlineTest() {
        EvalSummary s = run("airline", "test", null);
        assertEquals(50, s.tasks());
        assertEquals(1.0, s.passAt1());
    }

    @Test
    void noopScoresTheUnchangedNoOutputShareOnAirlineTest0To24() throws Exception {
        JsonNode ref;
        try (InputStream in = getClass().getResourceAsStream("/conformance/taubench/airline_reference.json")) {
            ref = new ObjectMapper().readTree(in);
        }
        JsonNode rows = ref.get("splits").get("test");
        var all = BenchmarkTasks.load("airline", "test");
        var tasks = TauTasks.load("airline", "test");
        int unchanged = 0;
        List<BenchmarkTask> covered = new java.util.ArrayList<>();
        for (JsonNode row : rows) {
            int i = row.get("task_index").asInt();
            covered.add(all.get(i));
            boolean same = row.get("gt_data_hash").asText().equals(ref.get("initial_data_hash").asText());
            if (same && tasks.get(i).outputs().isEmpty()) unchanged++;
        }
        EvalSummary s = run("airline", "test", new NoopPolicy(), covered);
        assertEquals(25, s.tasks());
        assertEquals((double) unchanged / 25, s.passAt1());
        assertEquals(7.0 / 25, s.passAt1(), "upstream vectors: 7 of tasks 0-24 leave the data unchanged, no outputs");
    }

    @Test
    void goldAnswersScore100PercentOnCalculationAndWeb() {
        EvalSummary c = run("calculation", "test", null);
        assertEquals(48, c.tasks());
        assertEquals(1.0, c.passAt1());
        EvalSummary w = run("web", "test", null);
        assertEquals(34, w.tasks());
        assertEquals(1.0, w.passAt1());
    }
}
