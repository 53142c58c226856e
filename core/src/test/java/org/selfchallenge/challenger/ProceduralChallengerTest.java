package org.selfchallenge.challenger;

import org.junit.jupiter.api.Test;
import org.selfchallenge.cat.Reason;
import org.selfchallenge.cat.Verdict;
import org.selfchallenge.cat.Verifier;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProceduralChallengerTest {
    private final ProceduralChallenger c = new ProceduralChallenger();

    @Test
    void sameSeedSameTextAndOnlyReadOnlyExploration() {
        for (String env : new String[]{"retail", "calculation"}) {
            ProceduralChallenger.Result a = c.challenge(env, 42);
            ProceduralChallenger.Result b = c.challenge(env, 42);
            assertEquals(a.text(), b.text());
            assertEquals(a.traceJson(), b.traceJson());
            assertFalse(a.traceJson().contains("\"tool\":\"cancel_pending_order\""));
            assertFalse(a.traceJson().contains("\"tool\":\"modify_"));
        }
    }

    /** Every family's tasks pass the real verifier (parser + sandbox + three checks). */
    @Test
    void everyGeneratedTaskVerifies() {
        Map<String, Integer> perFamily = new TreeMap<>();
        Set<String> texts = new HashSet<>();
        for (String env : new String[]{"retail", "calculation"}) {
            for (long seed = 0; seed < 24; seed++) {
                ProceduralChallenger.Result r = c.challenge(env, seed);
                Verdict v = Verifier.verify(env, r.text());
                assertEquals(Reason.VALID, v.reason(), r.family() + " seed " + seed + ": " + v.detail() + "\n" + r.text());
                perFamily.merge(r.family(), 1, Integer::sum);
                texts.add(r.text());
            }
        }
        assertEquals(7, perFamily.size(), perFamily.toString());
        assertTrue(texts.size() >= 46, "distinct texts: " + texts.size());
    }

    @Test
    void environmentsWithoutFamiliesAreNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> c.challenge("airline", 1));
        assertTrue(e.getMessage().contains("airline"));
    }
}
