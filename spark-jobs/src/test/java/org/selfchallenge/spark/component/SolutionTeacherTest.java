package org.selfchallenge.spark.component;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.selfchallenge.agent.Trajectory;
import org.selfchallenge.agent.TrajectoryJson;
import org.selfchallenge.agent.Turn;
import org.selfchallenge.agent.ExecutorEpisode;
import org.selfchallenge.agent.SandboxFactory;
import org.selfchallenge.challenger.ProceduralChallenger;
import org.selfchallenge.llm.SamplingParams;
import org.selfchallenge.spark.config.ConfigLoader;
import org.selfchallenge.spark.config.PipelineConfig;
import org.selfchallenge.udf.CatVerification;

import java.nio.file.Files;
import java.nio.file.Path;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The distillation teacher in real executor episodes: its reply is the verified solution as a code
 * action, the sandbox runs it, and the task's own evaluate() rewards it; the compact prompt is the
 * system turn; running the batch's episodes concurrently gives the same trajectories in the same order;
 * retail teacher episodes are conversations with solve's simulated user.
 */
class SolutionTeacherTest {
    /** Test encoder: one token per turn (the trajectory's text is checked through turnsJson). */
    private static final TrajectoryEncoder TURN_COUNT = t -> new TrajectoryEncoder.Encoded(
            new int[t.turns().size()], new byte[t.turns().size()], new float[t.turns().size()]);

    private static List<TaskSolver.SolveInput> tasks(int n) {
        ProceduralChallenger pc = new ProceduralChallenger(List.of("calculation.reverse_word"));
        List<TaskSolver.SolveInput> in = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            CatVerification.Result v = CatVerification.verify(new CatVerification.Settings(1, 5000, 0), "calculation",
                    pc.challenge("calculation", i).text());
            assertTrue(v.valid(), v.detail());
            in.add(new TaskSolver.SolveInput("t" + i, "calculation", v.instruction(), v.evaluation(), v.solution(), 0, i));
        }
        return in;
    }

    private static EpisodeRunner runner(int concurrency) {
        return new EpisodeRunner(in -> new SolutionTeacher(in.solution()), SandboxFactory.open(), null, 1,
                SamplingParams.greedy(64), TURN_COUNT, ExecutorEpisode.COMPACT_PROMPT, concurrency);
    }

    @Test
    @SuppressWarnings("unchecked")
    void teacherEpisodesSubmitTheVerifiedSolutionAndAreRewarded() throws Exception {
        List<TaskSolver.SolveInput> in = tasks(4);
        List<TaskSolver.SolveOutput> out = runner(1).solve(in);
        for (int i = 0; i < in.size(); i++) {
            TaskSolver.SolveOutput o = out.get(i);
            assertEquals(1f, o.reward(), o.outcome());
            assertEquals("answered", o.outcome());
            Map<String, Object> t = new ObjectMapper().readValue(o.turnsJson(), Map.class);
            List<Map<String, Object>> turns = (List<Map<String, Object>>) t.get("turns");
            assertEquals("Reply with one ```python block that calls the tools; submit_answer(x) submits x as your answer.",
                    turns.get(0).get("text"));
            assertEquals("```python\n" + in.get(i).solution().strip() + "\n```", turns.get(2).get("text"));
            assertEquals(SolutionTeacher.ID, ((Map<String, Object>) t.get("lineage")).get("modelId"));
            assertEquals(ExecutorEpisode.COMPACT_PROMPT, ((Map<String, Object>) t.get("lineage")).get("promptVersion"));
        }
        List<TaskSolver.SolveOutput> concurrent = runner(4).solve(in);
        for (int i = 0; i < in.size(); i++) {
            assertEquals(out.get(i).turnsJson(), concurrent.get(i).turnsJson());
        }
    }

    @TempDir
    Path dir;

    @Test
    void retailTeacherEpisodesAreConversationsWithTheSolveUser() throws Exception {
        PipelineConfig cfg = ConfigLoader.load(null, Map.of("selfchallenge.envs", List.of("retail", "calculation"),
                "selfchallenge.solve.envs", List.of("retail", "calculation"), "selfchallenge.solve.max-turns", 1,
                "selfchallenge.solve.user-sampling.max-new-tokens", 8, "selfchallenge.policy.tiny.hidden-size", 32,
                "selfchallenge.policy.tiny.intermediate-size", 64));
        CoreComponents c = new CoreComponents();
        Path init = Files.createDirectories(dir.resolve("init"));
        c.initPolicy(cfg, init);
        String instruction = "You are yusuf_rossi_9620 and want to know your zip code.";
        TaskSolver.SolveInput retail = new TaskSolver.SolveInput("r", "retail", instruction,
                "def evaluate():\n    return True", "x = 1", 0, 3L);
        TaskSolver.SolveInput calc = tasks(1).get(0);
        List<TaskSolver.SolveOutput> out = c.teacher(cfg, init, "v0").solve(List.of(retail, calc));

        Trajectory r = TrajectoryJson.read(out.get(0).turnsJson());
        // solve.user-model = policy: the round's policy (here the tiny random one) opens as the customer ...
        assertEquals(CoreComponents.policy(cfg, init).id(), r.lineage().userModelId());
        assertEquals(List.of("system", "user", "assistant"), r.turns().stream().limit(3).map(Turn::role).toList());
        assertNotEquals("Instruction: " + instruction, r.turns().get(1).text());
        assertEquals(SolutionTeacher.codeAction("x = 1"), r.turns().get(2).text());
        // ... while calculation episodes read their instruction directly.
        Trajectory k = TrajectoryJson.read(out.get(1).turnsJson());
        assertNull(k.lineage().userModelId());
        assertEquals("Instruction: " + calc.instruction(), k.turns().get(1).text());
        assertEquals(1f, out.get(1).reward());
    }
}
