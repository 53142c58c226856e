package org.selfchallenge.env.calculation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.selfchallenge.env.calculation.ToolAssertions.assertRaises;
import static org.selfchallenge.env.calculation.ToolAssertions.list;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.selfchallenge.pyval.expr.PyStr;

class TravelToolsTest {
    static final String SUPPORTED = "['\"A\"', '\"B\"', '\"C\"', '\"D\"', '\"E\"', '\"F\"']";

    static Object tv(String tool, Object... a) {
        return ToolAssertions.call("travel_itinerary_planning", tool, a);
    }

    @Test
    void tablesHaveUpstreamSizes() {
        assertEquals(29, TravelData.get().flights().size());
        assertEquals(13, TravelData.get().hotels().size());
    }

    @Test
    void findFlightsFiltersInTableOrder() {
        // the data file lists E→B on 2023-11-10 twice: prices 350 then 165
        Object r = tv("find_flights", "\"E\"", "\"B\"", "2023-11-10");
        assertEquals("[{'from_location': '\"E\"', 'to_location': '\"B\"', 'date': '2023-11-10', 'price': 350}, "
                + "{'from_location': '\"E\"', 'to_location': '\"B\"', 'date': '2023-11-10', 'price': 165}]", PyStr.repr(r));
        // quotes are optional: both endpoints are stripped of '"'
        assertEquals(r, tv("find_flights", "E", "B", "2023-11-10"));
        assertEquals(List.of(), tv("find_flights", "E", "B", "2023-11-11"));
        assertEquals(List.of(), tv("find_flights", "E", "F", "2023-11-10")); // F is supported but has no flights
    }

    @Test
    void findFlightsErrors() {
        assertRaises("ValueError", "Origin [X] is not supported. Supported from_locations: " + SUPPORTED,
                () -> tv("find_flights", "\"X\"", "A", "2023-12-25"));
        // the origin is checked first
        assertRaises("ValueError", "Origin [X] is not supported. Supported from_locations: " + SUPPORTED,
                () -> tv("find_flights", "X", "Y", "2023-12-25"));
        assertRaises("ValueError", "Destination [Y] is not supported. Supported to_locations: " + SUPPORTED,
                () -> tv("find_flights", "A", "Y", "2023-12-25"));
        assertRaises("AttributeError", "'int' object has no attribute 'strip'", () -> tv("find_flights", 5L, "A", "x"));
    }

    @Test
    void returnedFlightsAreCopies() {
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> r = (List<Map<String, Object>>) tv("find_flights", "E", "A", "2023-12-25");
        r.get(0).put("price", 0L);
        assertEquals("[{'from_location': '\"E\"', 'to_location': '\"A\"', 'date': '2023-12-25', 'price': 450}]",
                PyStr.repr(tv("find_flights", "E", "A", "2023-12-25")));
    }

    @Test
    void bookHotelMatchesAllPreferences() {
        // B hotels: [wifi, gym] 150 and [pool, gym, wifi] 160
        assertEquals(2, ((List<?>) tv("book_hotel", "\"B\"")).size());
        Object both = tv("book_hotel", "B", "gym", "pool");
        assertEquals("[{'location': '\"B\"', 'preferences': ['pool', 'gym', 'wifi'], 'price_per_night': 160, 'rating': 5}]",
                PyStr.repr(both));
        assertEquals(List.of(), tv("book_hotel", "B", "spa"));
        assertEquals(List.of(), tv("book_hotel", "F")); // supported, no hotels
        assertEquals(List.of(), tv("book_hotel", "B", 5L)); // == membership, no error
        assertRaises("ValueError", "Location [Z] is not supported. Supported locations: " + SUPPORTED,
                () -> tv("book_hotel", "Z", "wifi"));
        assertRaises("TypeError", "book_hotel() missing 1 required positional argument: 'location'", () -> tv("book_hotel"));
    }

    @Test
    void bookHotelVarargsThroughKwargs() {
        Object r = ToolAssertions.callKw("travel_itinerary_planning", "book_hotel",
                Map.of("location", "B", "preferences", list("gym", "pool")));
        assertEquals(160L, ((Map<?, ?>) ((List<?>) r).get(0)).get("price_per_night"));
    }

    @Test
    void budgetAndBuiltins() {
        assertEquals(1050L, tv("budget_calculator", 450L, 120L, 5L)); // 450 + 120 * 5
        assertEquals(1050.0, tv("budget_calculator", 450.0, 120L, 5L));
        assertEquals(2L, tv("max", list(1L, 2L))); // builtin max iterates a single argument
        assertEquals(1L, tv("min", 3L, 1L, 2L));
        assertEquals(3.5, tv("sum", 1L, 2.5));
        assertEquals(0L, tv("sum")); // sum(()) = 0
        assertEquals(0.6000000000000001, tv("sum", 0.1, 0.2, 0.3)); // sequential (Python <= 3.11)
        assertRaises("TypeError", "'int' object is not iterable", () -> tv("max", 5L));
        assertRaises("TypeError", "max expected at least 1 argument, got 0", () -> tv("max"));
        assertRaises("TypeError", "unsupported operand type(s) for +: 'int' and 'str'", () -> tv("sum", "a", "b"));
        assertRaises("TypeError", "<lambda>() got an unexpected keyword argument 'x'",
                () -> ToolAssertions.callKw("travel_itinerary_planning", "sum", Map.of("x", 1L)));
        assertEquals(9L, ToolAssertions.callKw("travel_itinerary_planning", "max", Map.of("args", list(9L, 3L))));
        assertTrue(CalculationEnvironment.forDomain("travel_itinerary_planning").tools().get(3).varargs().equals("args"));
    }
}
