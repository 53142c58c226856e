package org.selfchallenge.env.airline;

import static org.selfchallenge.env.airline.AirlinePython.dict;
import static org.selfchallenge.env.airline.AirlinePython.eq;
import static org.selfchallenge.env.airline.AirlinePython.in;
import static org.selfchallenge.env.airline.AirlinePython.item;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.selfchallenge.pyval.PyJson;

/**
 * {@code search_direct_flight}: flights in file order whose origin and destination match and whose
 * entry for {@code date} is {@code available}; each result is the flight without {@code dates},
 * followed by that date's fields.
 */
final class SearchDirectFlight extends AirlineTool {
    SearchDirectFlight() {
        super("search_direct_flight", true, "origin", "destination", "date");
    }

    @Override
    String run(AirlineTables data, Map<String, Object> a) {
        Object origin = a.get("origin");
        Object destination = a.get("destination");
        Object date = a.get("date");
        List<Object> results = new ArrayList<>();
        for (String id : data.flightIds()) {
            Map<String, Object> flight = data.flight(id);
            if (eq(flight.get("origin"), origin) && eq(flight.get("destination"), destination)) {
                Map<String, Object> dates = dict(flight.get("dates"));
                if (in(dates, date) && eq(item(dates.get((String) date), "status"), FlightSegments.AVAILABLE)) {
                    results.add(onDate(flight, dates.get((String) date)));
                }
            }
        }
        return PyJson.dumps(results);
    }

    /** {@code {k: v for k, v in flight.items() if k != "dates"}} updated with {@code dateEntry}. */
    static Map<String, Object> onDate(Map<String, Object> flight, Object dateEntry) {
        Map<String, Object> result = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : flight.entrySet()) {
            if (!e.getKey().equals("dates")) {
                result.put(e.getKey(), e.getValue());
            }
        }
        result.putAll(dict(dateEntry));
        return result;
    }
}
