package org.selfchallenge.env.airline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.selfchallenge.bench.tau.TauReward;
import org.selfchallenge.bench.tau.TauTask;
import org.selfchallenge.bench.tau.TauTasks;
import org.selfchallenge.env.Resources;
import org.selfchallenge.pyval.PyJson;

/**
 * Airline against the upstream vectors ({@code conformance/taubench/airline_reference.json}, produced
 * by running τ-bench): the initial data hash, and for test tasks 0–24 the exact string every
 * ground-truth action returned and the data hash after the replay. In the vectors a terminate action
 * (not replayed by upstream's reward) has observation {@code null}.
 */
class AirlineConformanceTest {
    static final String REFERENCE = "/conformance/taubench/airline_reference.json";
    static final int TEST_TASKS = 50;

    static List<TauTask> tasks;
    static Map<String, Object> reference;

    @BeforeAll
    static void load() {
        tasks = TauTasks.load(AirlineEnvironment.NAME, "test");
        reference = PyJson.parseObject(Resources.readString(REFERENCE));
    }

    /**
     * The vectors' observations without the {@code null} entries they hold for terminate actions
     * (which upstream's reward does not replay, and {@link TauReward#replay} skips).
     */
    static List<Object> replayedObservations(List<Object> gtObservations, TauTask task) {
        List<Object> out = new ArrayList<>();
        for (int k = 0; k < task.actions().size(); k++) {
            if (!task.actions().get(k).name().equals(TransferToHumanAgents.NAME)) {
                out.add(gtObservations.get(k));
            }
        }
        return out;
    }

    @Test
    void initialHashMatchesUpstream() {
        assertEquals(reference.get("initial_data_hash"), AirlineEnvironment.load().stateHash());
    }

    @Test
    @SuppressWarnings("unchecked")
    void testTasks0To24MatchObservationsAndHash() {
        List<Object> vectors = (List<Object>) ((Map<String, Object>) reference.get("splits")).get("test");
        assertEquals(25, vectors.size());
        int matched = 0;
        for (Object v : vectors) {
            Map<String, Object> vector = (Map<String, Object>) v;
            int index = ((Long) vector.get("task_index")).intValue();
            TauTask task = tasks.get(index);
            List<Object> expected = (List<Object>) vector.get("gt_observations");
            assertEquals(task.actions().size(), expected.size(), "vector length of task " + index);
            TauReward.Replay replay = TauReward.replay(AirlineEnvironment.load(), task);
            assertEquals(replayedObservations(expected, task), replay.observations(), "observations of task " + index);
            assertEquals(vector.get("gt_data_hash"), replay.dataHash(), "data hash of task " + index);
            matched++;
        }
        assertEquals(25, matched);
    }

    /** Every test task (25–49 have no vectors) replays without an exception or a null observation. */
    @Test
    @SuppressWarnings("unchecked")
    void allFiftyTestTasksReplay() {
        assertEquals(TEST_TASKS, tasks.size());
        for (TauTask task : tasks) {
            TauReward.Replay replay = TauReward.replay(AirlineEnvironment.load(), task);
            long replayed = task.actions().stream().filter(a -> !a.name().equals(TransferToHumanAgents.NAME)).count();
            assertEquals(replayed, replay.observations().size(), "task " + task.index());
            for (String observation : replay.observations()) {
                assertNotNull(observation, "task " + task.index());
                assertFalse(observation.startsWith("Unknown action"), "task " + task.index());
            }
            assertTrue(replay.dataHash().matches("[0-9a-f]{64}"));
        }
    }
}
