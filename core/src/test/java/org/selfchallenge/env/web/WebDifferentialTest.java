package org.selfchallenge.env.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.selfchallenge.pyval.PyJson;

/**
 * 20 random walks of 30 actions (clicks on existing, missing and quoted URLs, back, scrolls, views)
 * recorded from the ORIGINAL WebBrowser class (gen_web_vectors.py beside the data): every observation
 * must match exactly.
 */
class WebDifferentialTest {
    @SuppressWarnings("unchecked")
    @Test
    void everyObservationMatches() throws IOException {
        String path = "/org/selfchallenge/env/web/web_vectors.json";
        List<List<Map<String, Object>>> runs;
        try (InputStream in = getClass().getResourceAsStream(path)) {
            assertNotNull(in, path);
            runs = (List<List<Map<String, Object>>>) PyJson.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
        assertEquals(20, runs.size());
        for (int r = 0; r < runs.size(); r++) {
            WebEnvironment env = WebEnvironment.create();
            List<Map<String, Object>> steps = runs.get(r);
            for (int s = 0; s < steps.size(); s++) {
                Map<String, Object> step = steps.get(s);
                Object obs = env.callPositional((String) step.get("tool"), (List<Object>) step.get("args"));
                assertEquals(step.get("obs"), obs, "run " + r + " step " + s + " " + step.get("tool") + step.get("args"));
            }
        }
    }
}
