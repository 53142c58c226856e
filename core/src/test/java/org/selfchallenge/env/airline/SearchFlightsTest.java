package org.selfchallenge.env.airline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.selfchallenge.env.airline.AirlineFixtures.env;
import static org.selfchallenge.env.airline.AirlineFixtures.kw;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.selfchallenge.env.Environment;
import org.selfchallenge.pyval.PyJson;

/** {@code search_direct_flight} and {@code search_onestop_flight}, with the one-stop quirks. */
class SearchFlightsTest {

    @SuppressWarnings("unchecked")
    static List<Object> search(Environment env, String tool, Object origin, Object destination, Object date) {
        return (List<Object>) PyJson.parse((String) env.call(tool,
                kw("origin", origin, "destination", destination, "date", date)));
    }

    @Test
    void directFlightIsTheFlightWithoutDatesFollowedByThatDatesFields() {
        Environment env = env();
        // flights.json HAT001: PHL→LGA 06:00:00→07:00:00; 2024-05-20 available, seats 10/17/13, prices 61/137/411
        List<Object> results = search(env, "search_direct_flight", "PHL", "LGA", "2024-05-20");
        Map<String, Object> hat001 = kw("flight_number", "HAT001", "origin", "PHL", "destination", "LGA",
                "scheduled_departure_time_est", "06:00:00", "scheduled_arrival_time_est", "07:00:00",
                "status", "available",
                "available_seats", kw("basic_economy", 10L, "economy", 17L, "business", 13L),
                "prices", kw("basic_economy", 61L, "economy", 137L, "business", 411L));
        assertEquals(hat001, results.get(0));
        assertEquals(List.copyOf(hat001.keySet()), List.copyOf(((Map<String, Object>) results.get(0)).keySet()));
        // before "now" (2024-05-15) every flight has landed or was cancelled: nothing is available
        assertEquals(List.of(), search(env, "search_direct_flight", "PHL", "LGA", "2024-05-10"));
        assertEquals("Error: unhashable type: 'list'", env.call("search_direct_flight",
                kw("origin", "PHL", "destination", "LGA", "date", AirlineFixtures.list("x"))));
    }

    @Test
    @SuppressWarnings("unchecked")
    void overnightFirstLegDatesTheSecondLegNextDayButPricesItFromTheSearchDate() {
        Environment env = env();
        // HAT002 LGA→PHX 21:00:00→"01:30:00+1"; HAT073 PHX→DTW departs "06:00:00" ≥ "01:30:00+1" (string order).
        // HAT073 prices: 2024-05-20 = 72/128/490, 2024-05-21 = 99/200/217. Leg 2 says 2024-05-21 but
        // carries the 2024-05-20 fields.
        List<Object> pairs = search(env, "search_onestop_flight", "LGA", "DTW", "2024-05-20");
        List<Object> first = (List<Object>) pairs.get(0);
        Map<String, Object> leg1 = (Map<String, Object>) first.get(0);
        Map<String, Object> leg2 = (Map<String, Object>) first.get(1);
        assertEquals("HAT002", leg1.get("flight_number"));
        assertEquals("2024-05-20", leg1.get("date"));
        assertEquals("HAT073", leg2.get("flight_number"));
        assertEquals("2024-05-21", leg2.get("date"));
        assertEquals(kw("basic_economy", 72L, "economy", 128L, "business", 490L), leg2.get("prices"));
        assertEquals("date", List.copyOf(leg2.keySet()).get(leg2.size() - 1));
    }

    @Test
    void malformedDates() {
        Environment env = env();
        // int(date[-2:]) is only evaluated for a pair whose first leg arrives "+1" (HAT002 does)
        assertEquals("Error: invalid literal for int() with base 10: '-x'", env.call("search_onestop_flight",
                kw("origin", "LGA", "destination", "DTW", "date", "2024-05-x")));
        assertEquals("Error: 'int' object is not subscriptable", env.call("search_onestop_flight",
                kw("origin", "LGA", "destination", "DTW", "date", 20L)));
        // day 8 + 1 gives the unpadded "2024-05-9", which no flight has: no overnight pair survives
        assertEquals("[]", env.call("search_onestop_flight", kw("origin", "LGA", "destination", "DTW", "date", "2024-05-08")));
    }
}
