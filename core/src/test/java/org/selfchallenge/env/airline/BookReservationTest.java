package org.selfchallenge.env.airline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.selfchallenge.env.airline.AirlineFixtures.CERTIFICATE;
import static org.selfchallenge.env.airline.AirlineFixtures.CREDIT_CARD;
import static org.selfchallenge.env.airline.AirlineFixtures.GIFT_CARD;
import static org.selfchallenge.env.airline.AirlineFixtures.GIFT_CARD_BALANCE;
import static org.selfchallenge.env.airline.AirlineFixtures.HAT001_0520_ECONOMY;
import static org.selfchallenge.env.airline.AirlineFixtures.INITIAL_HASH;
import static org.selfchallenge.env.airline.AirlineFixtures.USER;
import static org.selfchallenge.env.airline.AirlineFixtures.env;
import static org.selfchallenge.env.airline.AirlineFixtures.json;
import static org.selfchallenge.env.airline.AirlineFixtures.kw;
import static org.selfchallenge.env.airline.AirlineFixtures.list;
import static org.selfchallenge.env.airline.AirlineFixtures.passengers;
import static org.selfchallenge.env.airline.AirlineFixtures.payment;
import static org.selfchallenge.env.airline.AirlineFixtures.paymentMethod;
import static org.selfchallenge.env.airline.AirlineFixtures.segment;
import static org.selfchallenge.env.airline.AirlineFixtures.userRecord;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.selfchallenge.env.Environment;

/** {@code book_reservation}: each error string in upstream order, the data untouched after it, and the quirks. */
class BookReservationTest {
    /** One economy passenger on HAT001 2024-05-20, insured, one non-free bag: 137·1 + 30·1 + 50·1. */
    static final long TOTAL = HAT001_0520_ECONOMY * 1 + 30 * 1 + 50 * 1;

    static Map<String, Object> booking(Object... overrides) {
        Map<String, Object> kw = kw("user_id", USER, "origin", "PHL", "destination", "LGA", "flight_type", "one_way",
                "cabin", "economy", "flights", list(segment("HAT001", "2024-05-20")), "passengers", passengers(1),
                "payment_methods", list(payment(CERTIFICATE, 100L), payment(GIFT_CARD, TOTAL - 100)),
                "total_baggages", 1L, "nonfree_baggages", 1L, "insurance", "yes");
        kw.putAll(kw(overrides));
        return kw;
    }

    private static void assertFails(String expected, Map<String, Object> kwargs) {
        Environment env = env();
        assertEquals(expected, env.call("book_reservation", kwargs));
        assertEquals(INITIAL_HASH, env.stateHash(), "a failed booking must not change the data");
    }

    @Test
    void errorsInUpstreamOrder() {
        assertEquals(217, TOTAL); // 137 + 30 + 50
        assertFails("Error: user not found", booking("user_id", "nobody_123"));
        assertFails("Error: flight HAT999 not found", booking("flights", list(segment("HAT999", "2024-05-20"))));
        assertFails("Error: flight HAT001 not found on date 2024-06-01",
                booking("flights", list(segment("HAT001", "2024-06-01"))));
        // flights.json HAT001 "2024-05-03": {"status": "cancelled"}
        assertFails("Error: flight HAT001 not available on date 2024-05-03",
                booking("flights", list(segment("HAT001", "2024-05-03"))));
        // flights.json HAT002 "2024-05-24": available_seats.economy = 0 < 1 passenger
        assertFails("Error: not enough seats on flight HAT002", booking("flights", list(segment("HAT002", "2024-05-24"))));
        assertFails("Error: payment method credit_card_0000000 not found",
                booking("payment_methods", list(payment("credit_card_0000000", TOTAL))));
        // gift card balance 176 < 177
        assertFails("Error: not enough balance in payment method gift_card_5107860",
                booking("payment_methods", list(payment(GIFT_CARD, GIFT_CARD_BALANCE + 1), payment(CREDIT_CARD, 40L))));
        assertFails("Error: payment amount does not add up, total price is 217, but paid 200",
                booking("payment_methods", list(payment(CREDIT_CARD, 200L))));
        // the sum keeps Python's types: 200.5 is a float
        assertFails("Error: payment amount does not add up, total price is 217, but paid 200.5",
                booking("payment_methods", list(payment(CREDIT_CARD, 200.5))));
    }

    @Test
    void pythonExceptionsBecomeErrorStrings() {
        assertFails("Error: 'first'", booking("cabin", "first")); // available_seats["first"]: KeyError
        assertFails("Error: unsupported operand type(s) for +=: 'int' and 'str'", booking("nonfree_baggages", "1"));
        assertFails("Error: 'flight_number'", booking("flights", list(kw("date", "2024-05-20"))));
        assertFails("Error: unhashable type: 'list'", booking("user_id", list("x")));
        assertFails("Error: unsupported operand type(s) for +: 'int' and 'str'",
                booking("payment_methods", list(payment(CREDIT_CARD, "217"))));
        assertFails("Error: '<' not supported between instances of 'int' and 'str'",
                booking("payment_methods", list(payment(GIFT_CARD, "217"))));
    }

    @Test
    @SuppressWarnings("unchecked")
    void successDebitsGiftCardDeletesCertificateAndKeepsQuirks() {
        Environment env = env();
        Map<String, Object> r = json(env.call("book_reservation", booking()));
        assertEquals("HATHAT", r.get("reservation_id"));
        assertEquals("2024-05-15T15:00:00", r.get("created_at"));
        assertFalse(r.containsKey("status"));
        Map<String, Object> seg = (Map<String, Object>) ((List<Object>) r.get("flights")).get(0);
        assertEquals(kw("flight_number", "HAT001", "date", "2024-05-20", "price", 137L, "origin", "PHL",
                "destination", "LGA"), seg);
        assertEquals(list(payment(CERTIFICATE, 100L), payment(GIFT_CARD, 117L)), r.get("payment_history"));

        Map<String, Object> methods = (Map<String, Object>) userRecord(env, USER).get("payment_methods");
        assertFalse(methods.containsKey(CERTIFICATE), "a used certificate is deleted (100 of 250 used)");
        assertEquals(GIFT_CARD_BALANCE - 117, paymentMethod(env, USER, GIFT_CARD).get("amount")); // 176 - 117 = 59
        List<Object> reservations = (List<Object>) userRecord(env, USER).get("reservations");
        assertEquals(10, reservations.size());
        assertEquals("HATHAT", reservations.get(9));
        // seats are never decremented: HAT001 2024-05-20 economy still shows 17
        String direct = (String) env.call("search_direct_flight", kw("origin", "PHL", "destination", "LGA", "date", "2024-05-20"));
        assertEquals(17L, ((Map<String, Object>) ((Map<String, Object>) ((List<Object>)
                org.selfchallenge.pyval.PyJson.parse(direct)).get(0)).get("available_seats")).get("economy"));
    }

    @Test
    void idsHathatHathauHathavThenHathavIsOverwritten() {
        Environment env = env();
        Map<String, Object> byCard = booking("payment_methods", list(payment(CREDIT_CARD, TOTAL)));
        assertEquals("HATHAT", json(env.call("book_reservation", byCard)).get("reservation_id"));
        assertEquals("HATHAU", json(env.call("book_reservation", byCard)).get("reservation_id"));
        assertEquals("HATHAV", json(env.call("book_reservation", byCard)).get("reservation_id"));
        assertEquals("HATHAV", json(env.call("book_reservation", byCard)).get("reservation_id"));
        // the user's list still gets the id appended each time: 9 + 4
        assertEquals(13, ((List<?>) userRecord(env, USER).get("reservations")).size());
    }

    @Test
    void floatPaymentEqualToIntTotalIsAcceptedAndStoredAsFloat() {
        Environment env = env();
        Map<String, Object> r = json(env.call("book_reservation", booking("payment_methods",
                list(payment(CREDIT_CARD, 217.0)))));
        assertEquals(list(payment(CREDIT_CARD, 217.0)), r.get("payment_history"));
    }

    @Test
    void certificateListedTwiceFailsHalfWayLeavingTheFirstDeletion() {
        // Checks pass (100 ≤ 250 and 117 ≤ 250; 100 + 117 = 217); the debit loop deletes the
        // certificate, then looks it up again: KeyError. Upstream keeps the deletion, stores nothing.
        Environment env = env();
        assertEquals("Error: 'certificate_9801805'", env.call("book_reservation",
                booking("payment_methods", list(payment(CERTIFICATE, 100L), payment(CERTIFICATE, 117L)))));
        assertNotEquals(INITIAL_HASH, env.stateHash());
        assertNull(paymentMethod(env, USER, CERTIFICATE));
        assertEquals(9, ((List<?>) userRecord(env, USER).get("reservations")).size());
        assertEquals("Error: user not found", env.call("get_reservation_details", kw("reservation_id", "HATHAT")));
    }
}
