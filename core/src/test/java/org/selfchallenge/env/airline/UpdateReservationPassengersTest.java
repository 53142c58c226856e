package org.selfchallenge.env.airline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.selfchallenge.env.airline.AirlineFixtures.INITIAL_HASH;
import static org.selfchallenge.env.airline.AirlineFixtures.RESERVATION;
import static org.selfchallenge.env.airline.AirlineFixtures.env;
import static org.selfchallenge.env.airline.AirlineFixtures.json;
import static org.selfchallenge.env.airline.AirlineFixtures.kw;
import static org.selfchallenge.env.airline.AirlineFixtures.list;
import static org.selfchallenge.env.airline.AirlineFixtures.passengers;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.selfchallenge.env.Environment;

/** {@code update_reservation_passengers} on 3ELCIO, which has exactly one passenger. */
class UpdateReservationPassengersTest {

    private static void assertFails(String expected, Object reservationId, Object passengers) {
        Environment env = env();
        assertEquals(expected, env.call("update_reservation_passengers",
                kw("reservation_id", reservationId, "passengers", passengers)));
        assertEquals(INITIAL_HASH, env.stateHash(), "a failed update must not change the data");
    }

    @Test
    void errors() {
        assertFails("Error: reservation not found", "ZZZZZZ", passengers(1));
        assertFails("Error: number of passengers does not match", RESERVATION, passengers(2));
        assertFails("Error: number of passengers does not match", RESERVATION, list());
        assertFails("Error: object of type 'int' has no len()", RESERVATION, 5L);
    }

    @Test
    void replacesTheList() {
        Environment env = env();
        List<Object> replacement = list(kw("first_name", "Ana", "last_name", "Lee", "dob", "2000-01-01"));
        Map<String, Object> r = json(env.call("update_reservation_passengers",
                kw("reservation_id", RESERVATION, "passengers", replacement)));
        assertEquals(replacement, r.get("passengers"));
        replacement.clear(); // the stored list is a copy: the caller's list is not aliased into the data
        assertEquals(1, ((List<?>) json(env.call("get_reservation_details", kw("reservation_id", RESERVATION)))
                .get("passengers")).size());
    }
}
