package org.selfchallenge.env.airline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.selfchallenge.env.Environment;
import org.selfchallenge.env.Resources;
import org.selfchallenge.pyval.PyJson;
import org.selfchallenge.pyval.PyValues;

/**
 * Edge cases beyond the gold actions, against vectors produced by running the upstream airline
 * tools ({@code core/src/test/python/gen_airline_edge_vectors.py}, CPython 3.12): every error string,
 * wrongly typed arguments (Python's TypeError/KeyError texts), partial mutation before an exception,
 * float payments (3.12 {@code sum}), quirks, and seeded random success-heavy call sequences. Each
 * scenario starts from fresh data; every observation ({@code null} = Python None) and the final data
 * hash must match.
 */
class AirlineEdgeVectorsTest {
    static final String VECTORS = "/conformance/taubench/airline_edge_vectors.json";

    @Test
    @SuppressWarnings("unchecked")
    void everyScenarioMatchesUpstream() {
        Map<String, Object> doc = PyJson.parseObject(Resources.readString(VECTORS));
        List<Object> scenarios = (List<Object>) doc.get("scenarios");
        assertTrue(scenarios.size() >= 150, "scenarios: " + scenarios.size());
        Environment prototype = AirlineEnvironment.load();
        for (int i = 0; i < scenarios.size(); i++) {
            Map<String, Object> scenario = (Map<String, Object>) scenarios.get(i);
            Environment env = prototype.fresh();
            List<Object> observations = new ArrayList<>();
            for (Object a : (List<Object>) scenario.get("actions")) {
                Map<String, Object> action = (Map<String, Object>) a;
                observations.add(env.call((String) action.get("name"),
                        PyValues.deepCopy((Map<String, Object>) action.get("kwargs"))));
            }
            assertEquals(scenario.get("observations"), observations, "observations of scenario " + i);
            assertEquals(scenario.get("data_hash"), env.stateHash(), "data hash of scenario " + i);
        }
    }
}
