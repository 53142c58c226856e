package org.selfchallenge.env.airline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.selfchallenge.env.airline.AirlineFixtures.INITIAL_HASH;
import static org.selfchallenge.env.airline.AirlineFixtures.env;
import static org.selfchallenge.env.airline.AirlineFixtures.kw;

import org.junit.jupiter.api.Test;
import org.selfchallenge.env.Environment;

/** The read-only tools' error strings and fixed answers. */
class ReadOnlyToolsTest {

    @Test
    void missingRecords() {
        Environment env = env();
        // upstream answers "user not found" for a missing reservation (sic)
        assertEquals("Error: user not found", env.call("get_reservation_details", kw("reservation_id", "ZZZZZZ")));
        assertEquals("Error: user not found", env.call("get_user_details", kw("user_id", "nobody_1")));
        assertEquals("Error: unhashable type: 'dict'", env.call("get_user_details", kw("user_id", kw("a", 1L))));
        assertEquals(INITIAL_HASH, env.stateHash());
    }

    @Test
    void reservationIsDumpedInFileKeyOrder() {
        String r = (String) env().call("get_reservation_details", kw("reservation_id", "3ELCIO"));
        assertTrue(r.startsWith("{\"reservation_id\": \"3ELCIO\", \"user_id\": \"mei_wilson_7043\", \"origin\": \"LAX\", "
                + "\"destination\": \"CLT\", \"flight_type\": \"one_way\", \"cabin\": \"economy\", \"flights\": "
                + "[{\"origin\": \"LAX\", \"destination\": \"EWR\", \"flight_number\": \"HAT228\", \"date\": \"2024-05-19\", "
                + "\"price\": 101}"), r);
        assertTrue(r.endsWith("\"created_at\": \"2024-05-07T09:17:22\", \"total_baggages\": 1, \"nonfree_baggages\": 0, "
                + "\"insurance\": \"yes\"}"), r);
    }

    @Test
    void fixedAnswers() {
        Environment env = env();
        String airports = (String) env.call("list_all_airports", kw());
        assertTrue(airports.startsWith("{\"SFO\": \"San Francisco\", \"JFK\": \"New York\", "), airports);
        assertTrue(airports.endsWith("\"PHL\": \"Philadelphia\", \"LGA\": \"LaGuardia\"}"), airports);
        assertEquals(20, airports.split("\": \"").length - 1);
        assertEquals("", env.call("think", kw("thought", "anything")));
        assertEquals("Transfer successful", env.call("transfer_to_human_agents", kw("summary", "s")));
        assertEquals("Error: ListAllAirports.invoke() got an unexpected keyword argument 'x'",
                env.call("list_all_airports", kw("x", 1L)));
    }

    @Test
    void calculate() {
        Environment env = env();
        assertEquals("334.0", env.call("calculate", kw("expression", "(137 + 30) * 2")));
        assertEquals("0.33", env.call("calculate", kw("expression", "1 / 3")));
        assertEquals("Error: invalid characters in expression", env.call("calculate", kw("expression", "2 ^ 3")));
        assertEquals("Error: division by zero", env.call("calculate", kw("expression", "1 / 0")));
    }
}
