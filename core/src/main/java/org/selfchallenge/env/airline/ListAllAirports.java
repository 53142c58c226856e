package org.selfchallenge.env.airline;

import java.util.LinkedHashMap;
import java.util.Map;

import org.selfchallenge.pyval.PyJson;

/** {@code list_all_airports}: a fixed map of 20 IATA codes to city names, in upstream order. */
final class ListAllAirports extends AirlineTool {
    ListAllAirports() {
        super("list_all_airports", true);
    }
    private static final String[][] AIRPORTS = {
        {"SFO", "San Francisco"}, {"JFK", "New York"}, {"LAX", "Los Angeles"}, {"ORD", "Chicago"},
        {"DFW", "Dallas"}, {"DEN", "Denver"}, {"SEA", "Seattle"}, {"ATL", "Atlanta"}, {"MIA", "Miami"},
        {"BOS", "Boston"}, {"PHX", "Phoenix"}, {"IAH", "Houston"}, {"LAS", "Las Vegas"},
        {"MCO", "Orlando"}, {"EWR", "Newark"}, {"CLT", "Charlotte"}, {"MSP", "Minneapolis"},
        {"DTW", "Detroit"}, {"PHL", "Philadelphia"}, {"LGA", "LaGuardia"},
    };
    /** The answer never changes, so it is rendered once. */
    private static final String ANSWER = render();

    private static String render() {
        Map<String, Object> map = new LinkedHashMap<>();
        for (String[] airport : AIRPORTS) {
            map.put(airport[0], airport[1]);
        }
        return PyJson.dumps(map);
    }

    @Override
    String run(AirlineTables data, Map<String, Object> a) {
        return ANSWER;
    }
}
