package org.selfchallenge.env.retail;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.selfchallenge.bench.tau.TauReward;
import org.selfchallenge.bench.tau.TauTask;
import org.selfchallenge.bench.tau.TauTasks;
import org.selfchallenge.env.Resources;
import org.selfchallenge.pyval.PyJson;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Bit-exactness against upstream τ-bench (reference produced by running the Python environment):
 * the initial data hash, and for every retail train and dev task the data hash after replaying the gold
 * actions and the exact observation string of each replayed action.
 */
class RetailConformanceTest {
    static Map<String, Object> reference;

    @BeforeAll
    static void load() {
        reference = PyJson.parseObject(Resources.readString("/conformance/taubench/retail_reference.json"));
    }

    @Test
    void initialHash() {
        assertEquals(reference.get("initial_data_hash"), RetailEnvironment.create().stateHash());
    }

    @Test
    void trainSplit() {
        assertEquals(500, check("train"));
    }

    @Test
    void devSplit() {
        assertEquals(20, check("dev"));
    }

    /**
     * The test split (115 tasks: read-only tools, lookups, calculate) against a replay of the upstream
     * Python tools made by {@code core/src/test/python/gen_retail_split_reference.py} (which reproduces
     * the official train reference 500/500).
     */
    @Test
    void testSplitAgainstUpstreamReplay() {
        Map<String, Object> saved = reference;
        try {
            reference = PyJson.parseObject(Resources.readString("/conformance/taubench/retail_test_upstream_replay.json"));
            assertEquals(saved.get("initial_data_hash"), reference.get("initial_data_hash"));
            assertEquals(115, check("test"));
        } finally {
            reference = saved;
        }
    }

    /** Checks every task of a split; reports all mismatches at once. Returns the number that matched. */
    @SuppressWarnings("unchecked")
    private int check(String split) {
        List<Object> expected = (List<Object>) ((Map<String, Object>) reference.get("splits")).get(split);
        List<TauTask> tasks = TauTasks.load("retail", split);
        assertEquals(expected.size(), tasks.size(), "task count of " + split);
        RetailEnvironment proto = RetailEnvironment.create();
        List<String> failures = new ArrayList<>();
        int ok = 0;
        for (Object o : expected) {
            Map<String, Object> ref = (Map<String, Object>) o;
            int i = ((Long) ref.get("task_index")).intValue();
            TauReward.Replay r = TauReward.replay(proto, tasks.get(i));
            List<Object> obs = (List<Object>) ref.get("gt_observations");
            boolean good = true;
            if (!ref.get("gt_data_hash").equals(r.dataHash())) {
                failures.add(split + " task " + i + ": hash " + r.dataHash() + " != " + ref.get("gt_data_hash"));
                good = false;
            }
            if (!obs.equals(new ArrayList<Object>(r.observations()))) {
                for (int k = 0; k < Math.max(obs.size(), r.observations().size()); k++) {
                    Object want = k < obs.size() ? obs.get(k) : "<none>";
                    Object got = k < r.observations().size() ? r.observations().get(k) : "<none>";
                    if (!want.equals(got)) {
                        failures.add(split + " task " + i + " obs " + k + ":\n  want " + want + "\n  got  " + got);
                        break;
                    }
                }
                good = false;
            }
            if (good) {
                ok++;
            }
        }
        assertTrue(proto.db().isPristine(), "replays must not touch the prototype");
        assertTrue(failures.isEmpty(), failures.size() + " mismatches:\n" + String.join("\n",
                failures.subList(0, Math.min(10, failures.size()))));
        return ok;
    }
}
