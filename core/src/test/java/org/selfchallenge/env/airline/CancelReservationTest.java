package org.selfchallenge.env.airline;

import static org.junit.jupiter.api.Assertions.assertEquals;
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

/** {@code cancel_reservation}: one refund per existing payment, {@code status} added last, no balance change. */
class CancelReservationTest {

    @Test
    void missingReservation() {
        Environment env = env();
        assertEquals("Error: reservation not found", env.call("cancel_reservation", kw("reservation_id", "ZZZZZZ")));
        assertEquals("Error: reservation not found", env.call("cancel_reservation", kw("reservation_id", 5L)));
        assertEquals(INITIAL_HASH, env.stateHash());
    }

    @Test
    void refundsEveryPaymentEvenOnASecondCancel() {
        Environment env = env();
        Map<String, Object> r = json(env.call("cancel_reservation", kw("reservation_id", RESERVATION)));
        assertEquals("cancelled", r.get("status"));
        assertEquals(list(payment(GIFT_CARD, 262L), payment(GIFT_CARD, -262L)), r.get("payment_history"));
        assertEquals(GIFT_CARD_BALANCE, paymentMethod(env, USER, GIFT_CARD).get("amount"));
        // no status check: cancelling again refunds both entries again
        Map<String, Object> again = json(env.call("cancel_reservation", kw("reservation_id", RESERVATION)));
        assertEquals(list(payment(GIFT_CARD, 262L), payment(GIFT_CARD, -262L), payment(GIFT_CARD, -262L),
                payment(GIFT_CARD, 262L)), again.get("payment_history"));
    }
}
