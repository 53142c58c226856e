package org.selfchallenge.spark.component;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.selfchallenge.agent.ExecutorEpisode;
import org.selfchallenge.agent.SandboxFactory;
import org.selfchallenge.challenger.ProceduralChallenger;
import org.selfchallenge.llm.SamplingParams;
import org.selfchallenge.udf.CatVerification;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The distillation teacher in real executor episodes: its reply is the verified solution as a code
 * action, the sandbox runs it, and the task's own evaluate() rewards it; the compact prompt is the
 * system turn; running the batch's episodes concurrently gives the same trajectories in the same order.
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
}
