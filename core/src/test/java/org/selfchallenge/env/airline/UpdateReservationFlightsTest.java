package org.selfchallenge.env.airline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.selfchallenge.env.airline.AirlineFixtures.CERTIFICATE;
import static org.selfchallenge.env.airline.AirlineFixtures.CREDIT_CARD;
import static org.selfchallenge.env.airline.AirlineFixtures.GIFT_CARD;
import static org.selfchallenge.env.airline.AirlineFixtures.GIFT_CARD_BALANCE;
import static org.selfchallenge.env.airline.AirlineFixtures.INITIAL_HASH;
import static org.selfchallenge.env.airline.AirlineFixtures.RESERVATION;
import static org.selfchallenge.env.airline.AirlineFixtures.USER;
import static org.selfchallenge.env.airline.AirlineFixtures.env;
import static org.selfchallenge.env.airline.AirlineFixtures.json;
import static org.selfchallenge.env.airline.AirlineFixtures.kw;
import static org.selfchallenge.env.airline.AirlineFixtures.list;
import static org.selfchallenge.env.airline.AirlineFixtures.payment;
import static org.selfchallenge.env.airline.AirlineFixtures.paymentMethod;
import static org.selfchallenge.env.airline.AirlineFixtures.segment;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.selfchallenge.env.Environment;

/**
 * {@code update_reservation_flights} on 3ELCIO (economy, 1 passenger, HAT228 05-19 at 101 and
 * HAT270 05-20 at 131). Fares from flights.json: HAT270 2024-05-21 economy 119, business 208;
 * HAT228 2024-05-19 business 444; HAT270 2024-05-20 business seats 0.
 */
class UpdateReservationFlightsTest {
    static final long OLD_TOTAL = (101 + 131) * 1;

    static Map<String, Object> update(String cabin, Object flights, String paymentId) {
        return kw("reservation_id", RESERVATION, "cabin", cabin, "flights", flights, "payment_id", paymentId);
    }

    static List<Object> keepFirstMoveSecondTo21() {
        return list(segment("HAT228", "2024-05-19"), segment("HAT270", "2024-05-21"));
    }

    private static void assertFails(String expected, Map<String, Object> kwargs) {
        Environment env = env();
        assertEquals(expected, env.call("update_reservation_flights", kwargs));
        assertEquals(INITIAL_HASH, env.stateHash(), "a failed update must not change the data");
    }

    @Test
    void errors() {
        Map<String, Object> missing = update("economy", list(), GIFT_CARD);
        missing.put("reservation_id", "ZZZZZZ");
        assertFails("Error: reservation not found", missing);
        assertFails("Error: flight HAT999 not found",
                update("economy", list(segment("HAT228", "2024-05-19"), segment("HAT999", "2024-05-21")), GIFT_CARD));
        assertFails("Error: flight HAT270 not available on date 2024-05-02",
                update("economy", list(segment("HAT228", "2024-05-19"), segment("HAT270", "2024-05-02")), GIFT_CARD));
        // business re-prices both segments; HAT270 2024-05-20 has 0 business seats
        assertFails("Error: not enough seats on flight HAT270",
                update("business", list(segment("HAT228", "2024-05-19"), segment("HAT270", "2024-05-20")), CREDIT_CARD));
        assertFails("Error: payment method not found", update("economy", keepFirstMoveSecondTo21(), "nope"));
        assertFails("Error: certificate cannot be used to update reservation",
                update("economy", keepFirstMoveSecondTo21(), CERTIFICATE));
        // business: 444 + 208 - 232 = 420 > 176
        assertFails("Error: gift card balance is not enough", update("business", keepFirstMoveSecondTo21(), GIFT_CARD));
        assertFails("Error: 'first'", update("first", list(segment("HAT228", "2024-05-19")), GIFT_CARD));
        assertFails("Error: string indices must be integers, not 'str'", update("economy", "HAT", GIFT_CARD));
    }

    @Test
    @SuppressWarnings("unchecked")
    void cheaperItineraryRefundsTheGiftCard() {
        Environment env = env();
        Map<String, Object> r = json(env.call("update_reservation_flights", update("economy", keepFirstMoveSecondTo21(), GIFT_CARD)));
        long diff = 101 * 1 + 119 * 1 - OLD_TOTAL; // kept segment keeps 101; new one at 119: -12
        assertEquals(-12, diff);
        List<Object> history = (List<Object>) r.get("payment_history");
        assertEquals(payment(GIFT_CARD, diff), history.get(history.size() - 1));
        assertEquals(kw("flight_number", "HAT270", "date", "2024-05-21", "price", 119L, "origin", "EWR",
                "destination", "CLT"), ((List<Object>) r.get("flights")).get(1));
        assertEquals(GIFT_CARD_BALANCE - diff, paymentMethod(env, USER, GIFT_CARD).get("amount")); // 176 + 12
    }

    @Test
    @SuppressWarnings("unchecked")
    void cabinIsNeverUpdatedSoTheNextCallRepricesAgain() {
        Environment env = env();
        Map<String, Object> first = json(env.call("update_reservation_flights",
                update("business", keepFirstMoveSecondTo21(), CREDIT_CARD)));
        assertEquals("economy", first.get("cabin"));
        List<Object> history = (List<Object>) first.get("payment_history");
        assertEquals(payment(CREDIT_CARD, 444L + 208L - OLD_TOTAL), history.get(history.size() - 1)); // 420
        // same request again: "business" != "economy", so both are re-priced: 652 - 652 = 0, no payment
        Map<String, Object> second = json(env.call("update_reservation_flights",
                update("business", keepFirstMoveSecondTo21(), CREDIT_CARD)));
        assertEquals(history.size(), ((List<Object>) second.get("payment_history")).size());
    }

    @Test
    void unchangedItineraryAddsNoPayment() {
        Environment env = env();
        Map<String, Object> r = json(env.call("update_reservation_flights",
                update("economy", list(segment("HAT228", "2024-05-19"), segment("HAT270", "2024-05-20")), GIFT_CARD)));
        assertEquals(list(payment(GIFT_CARD, 262L)), r.get("payment_history")); // 101 + 131 - 232 = 0
        assertEquals(INITIAL_HASH, env.stateHash()); // same values written back: Python's hash is unchanged
    }
}
