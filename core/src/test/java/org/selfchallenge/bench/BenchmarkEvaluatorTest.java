package org.selfchallenge.bench;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.selfchallenge.agent.ActionSandbox;
import org.selfchallenge.agent.CatActionSandbox;
import org.selfchallenge.agent.ExecutorEpisode;
import org.selfchallenge.agent.Seeds;
import org.selfchallenge.llm.SamplingParams;
import org.selfchallenge.llm.ScriptedChatModel;
import org.selfchallenge.sandbox.PythonWorkerPool;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** Seeding, parallelism and Pass@k aggregation of the evaluator on real M3ToolEval tasks. */
class BenchmarkEvaluatorTest {
    static PythonWorkerPool pool;
    static ActionSandbox sandbox;

    @BeforeAll
    static void start() {
        pool = new PythonWorkerPool(PythonWorkerPool.Config.defaults().withSize(2));
        sandbox = new CatActionSandbox(pool, CatActionSandbox.defaultLimits(), true);
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    /**
     * A policy that answers correctly only when the request's seed is even: which samples succeed then
     * depends only on the per-episode seeds, never on thread scheduling.
     */
    private static BenchmarkEvaluator.Report evaluate(List<BenchmarkTask> tasks, int threads) {
        ScriptedChatModel policy = ScriptedChatModel.fn(req -> {
            String instruction = req.messages().get(1).content();
            BenchmarkTask bt = tasks.stream().filter(t -> ("Instruction: " + t.task().instruction()).equals(instruction))
                    .findFirst().orElseThrow();
            return req.params().seed() % 2 == 0 ? bt.goldReplay().replies().get(0) : "Answer: wrong";
        });
        ExecutorEpisode.Config cfg = ExecutorEpisode.Config.defaults(1, new SamplingParams(1.0, 1.0, 0, 64, 0, List.of()));
        BenchmarkEvaluator ev = new BenchmarkEvaluator(bt -> new ExecutorEpisode(policy, sandbox, null, cfg), 4, 99L,
                threads);
        return ev.evaluate("calculation", "test", tasks, policy.id(), null, null);
    }

    @Test
    void resultsDependOnSeedsNotOnThreads() {
        List<BenchmarkTask> tasks = BenchmarkTasks.load("calculation", "test").subList(0, 6);
        BenchmarkEvaluator.Report one = evaluate(tasks, 1);
        BenchmarkEvaluator.Report four = evaluate(tasks, 4);
        assertEquals(one.results(), four.results());
        assertEquals(one.summary(), four.summary());

        // expected counts straight from the seed rule: sample i of task T succeeds iff Seeds.episode(99, T, i) is even
        List<PassAtK.Counts> counts = new java.util.ArrayList<>();
        for (int ti = 0; ti < tasks.size(); ti++) {
            int c = 0;
            for (int i = 0; i < 4; i++) if (Seeds.episode(99L, tasks.get(ti).task().id(), i) % 2 == 0) c++;
            assertEquals(c, one.results().get(ti).correct(), tasks.get(ti).task().id());
            counts.add(new PassAtK.Counts(4, c));
        }
        assertEquals(PassAtK.meanPassAt1(counts), one.summary().passAt1(), 1e-12);
        assertEquals(PassAtK.meanPassAtK(counts, 4), one.summary().passAtK(), 1e-12);
        assertEquals(24, one.trajectories().size());
    }
}
