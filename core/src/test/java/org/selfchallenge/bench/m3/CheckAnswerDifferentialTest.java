package org.selfchallenge.bench.m3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.selfchallenge.pyval.PyJson;

/**
 * ~21k answers (number spellings, quoting, literals of every kind, malformed text) judged by the
 * original check_answer under Python 3.11.7 (see gen_check_answer_differential.py beside the data):
 * the port must agree on every one.
 */
class CheckAnswerDifferentialTest {
    @SuppressWarnings("unchecked")
    @Test
    void agreesWithTheOriginalFunction() throws IOException {
        String path = "/org/selfchallenge/bench/m3/check_answer_differential.json";
        List<Map<String, Object>> cases;
        try (InputStream in = getClass().getResourceAsStream(path)) {
            assertNotNull(in, path);
            cases = (List<Map<String, Object>>) PyJson.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
        List<String> mismatches = new ArrayList<>();
        int n = 0;
        for (Map<String, Object> c : cases) {
            M3Task t = M3Tasks.get().byName((String) c.get("name"));
            assertNotNull(t, (String) c.get("name"));
            for (Map.Entry<String, Object> a : ((Map<String, Object>) c.get("answers")).entrySet()) {
                n++;
                boolean mine = M3Checker.check(t.expected(), a.getKey());
                if (!a.getValue().equals(mine)) {
                    mismatches.add(t.name() + " <- " + PyJson.dumps(a.getKey()) + ": python " + a.getValue());
                }
            }
        }
        assertTrue(n > 20000, "cases: " + n);
        assertEquals(List.of(), mismatches.subList(0, Math.min(20, mismatches.size())));
    }
}
