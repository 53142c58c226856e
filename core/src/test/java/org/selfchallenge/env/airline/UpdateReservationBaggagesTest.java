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

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.selfchallenge.env.Environment;

/** {@code update_reservation_baggages} on 3ELCIO (total 1, nonfree 0, paid [{gift_card_5107860, 262}]). */
class UpdateReservationBaggagesTest {

    static Map<String, Object> bags(Object total, Object nonfree, Object paymentId) {
        return kw("reservation_id", RESERVATION, "total_baggages", total, "nonfree_baggages", nonfree,
                "payment_id", paymentId);
    }

    private static void assertFails(String expected, Map<String, Object> kwargs) {
        Environment env = env();
        assertEquals(expected, env.call("update_reservation_baggages", kwargs));
        assertEquals(INITIAL_HASH, env.stateHash(), "a failed update must not change the data");
    }

    @Test
    void errors() {
        Map<String, Object> missing = bags(3L, 2L, GIFT_CARD);
        missing.put("reservation_id", "ZZZZZZ");
        assertFails("Error: reservation not found", missing);
        assertFails("Error: payment method not found", bags(3L, 2L, "credit_card_0000000"));
        assertFails("Error: certificate cannot be used to update reservation", bags(3L, 2L, CERTIFICATE));
        // 50 * max(0, 4 - 0) = 200 > 176
        assertFails("Error: gift card balance is not enough", bags(5L, 4L, GIFT_CARD));
        assertFails("Error: unsupported operand type(s) for -: 'str' and 'int'", bags(2L, "2", GIFT_CARD));
        assertFails("Error: UpdateReservationBaggages.invoke() missing 1 required positional argument: 'payment_id'",
                kw("reservation_id", RESERVATION, "total_baggages", 1L, "nonfree_baggages", 0L));
    }

    @Test
    void chargesFiftyPerAddedNonfreeBag() {
        Environment env = env();
        Map<String, Object> r = json(env.call("update_reservation_baggages", bags(3L, 2L, GIFT_CARD)));
        long price = 50 * Math.max(0, 2 - 0); // 100
        assertEquals(3L, r.get("total_baggages"));
        assertEquals(2L, r.get("nonfree_baggages"));
        assertEquals(list(payment(GIFT_CARD, 262L), payment(GIFT_CARD, price)), r.get("payment_history"));
        assertEquals(GIFT_CARD_BALANCE - price, paymentMethod(env, USER, GIFT_CARD).get("amount")); // 76
    }

    @Test
    void fewerBagsAreNeverRefundedAndAddNoPayment() {
        Environment env = env();
        Map<String, Object> r = json(env.call("update_reservation_baggages", bags(0L, -1L, CREDIT_CARD)));
        assertEquals(list(payment(GIFT_CARD, 262L)), r.get("payment_history")); // 50 * max(0, -1) = 0
        assertEquals(-1L, r.get("nonfree_baggages"));
    }

    @Test
    void floatBagCountMakesAFloatCharge() {
        Environment env = env();
        Map<String, Object> r = json(env.call("update_reservation_baggages", bags(2L, 1.5, GIFT_CARD)));
        assertEquals(list(payment(GIFT_CARD, 262L), payment(GIFT_CARD, 75.0)), r.get("payment_history")); // 50 * 1.5
        assertEquals(176 - 75.0, paymentMethod(env, USER, GIFT_CARD).get("amount")); // 101.0, now a float
    }
}
