package org.selfchallenge.bench.tau;

import org.junit.jupiter.api.Test;
import org.selfchallenge.env.retail.RetailEnvironment;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TauRewardTest {

    @Test
    void taskFilesLoadWithUpstreamCounts() {
        assertEquals(500, TauTasks.load("retail", "train").size());
        assertEquals(20, TauTasks.load("retail", "dev").size());
        assertEquals(115, TauTasks.load("retail", "test").size());
        assertEquals(50, TauTasks.load("airline", "test").size());
        TauTask t = TauTasks.load("retail", "dev").get(0);
        assertEquals("olivia_ito_3591", t.userId());
        assertEquals(new TauAction("cancel_pending_order", Map.of("order_id", "#W5442520", "reason", "no longer needed")),
                t.actions().get(0));
        assertEquals(37, TauTasks.load("retail", "test").stream().filter(x -> !x.outputs().isEmpty()).count());
    }

    @Test
    void unknownSplitOrEnvironmentIsAClearError() {
        assertEquals("unknown split 'train' for airline; valid: test",
                assertThrows(IllegalArgumentException.class, () -> TauTasks.load("airline", "train")).getMessage());
        assertEquals("unknown τ-bench environment 'web'; valid: retail, airline",
                assertThrows(IllegalArgumentException.class, () -> TauTasks.load("web", "test")).getMessage());
    }

    @Test
    void agentThatDoesTheGoldActionsGetsOne() {
        TauTask task = TauTasks.load("retail", "dev").get(0);
        RetailEnvironment env = RetailEnvironment.create();
        for (TauAction a : task.actions()) {
            env.call(a.name(), a.kwargsCopy());
        }
        TauReward.Result r = TauReward.reward(env, task, List.of());
        assertEquals(1.0, r.reward());
        assertTrue(r.actionsMatch());
        // A different state (nothing done) scores 0.
        assertEquals(0.0, TauReward.reward(RetailEnvironment.create(), task, List.of()).reward());
    }

    @Test
    void outputsNeedACaseInsensitiveCommaFreeMatchInSomeRespond() {
        TauTask readOnly = new TauTask(0, "u", "i",
                List.of(new TauAction("find_user_id_by_email", Map.of("email", "x@y"))), List.of("1,234.5", "Apple"));
        RetailEnvironment env = RetailEnvironment.create();
        // Upstream: out.lower() in content.lower().replace(",", "") — the output keeps its comma.
        TauReward.Result r = TauReward.reward(env, readOnly, List.of("Total 1,234.5 for APPLE"));
        assertEquals(0.0, r.reward());
        assertFalse(r.outputs().get("1,234.5"));
        assertTrue(r.outputs().get("Apple"));
        TauTask t2 = new TauTask(0, "u", "i", List.of(), List.of("1234.5", "apple"));
        assertEquals(1.0, TauReward.reward(env, t2, List.of("it is 1,234.5", "an APPLE")).reward());
    }

    @Test
    void transferIsNotReplayed() {
        TauTask task = new TauTask(0, "u", "i", List.of(new TauAction("think", Map.of("thought", "t")),
                new TauAction("transfer_to_human_agents", Map.of("summary", "s"))), List.of());
        assertEquals(List.of(""), TauReward.replay(RetailEnvironment.create(), task).observations());
    }
}
