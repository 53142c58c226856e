package org.selfchallenge.env.airline;

import static org.selfchallenge.env.airline.AirlinePython.dict;
import static org.selfchallenge.env.airline.AirlinePython.eq;
import static org.selfchallenge.env.airline.AirlinePython.in;
import static org.selfchallenge.env.airline.AirlinePython.item;

import java.util.LinkedHashMap;
import java.util.Map;

import org.selfchallenge.pyval.PyException;

/**
 * The payment check and gift-card charge shared by {@code update_reservation_baggages} and
 * {@code update_reservation_flights} (upstream repeats the same lines in both tools).
 */
final class Payments {
    static final String GIFT_CARD = "gift_card";
    static final String CERTIFICATE = "certificate";

    private Payments() {
    }

    private static Map<String, Object> methodsOf(AirlineTables data, Map<String, Object> reservation) {
        Object userId = item(reservation, "user_id");
        if (!data.hasUser(userId)) {
            throw PyException.keyError(userId);
        }
        return dict(item(data.user((String) userId), "payment_methods"));
    }

    /**
     * Checks the reservation owner's {@code paymentId} for a charge of {@code price} (which may be
     * negative: a refund). Throws {@link AirlineTool.Failure} with the upstream error text.
     */
    static void check(AirlineTables data, Map<String, Object> reservation, Object paymentId, Object price) {
        Map<String, Object> methods = methodsOf(data, reservation);
        if (!in(methods, paymentId)) {
            throw new AirlineTool.Failure("Error: payment method not found");
        }
        Object method = methods.get((String) paymentId);
        Object source = item(method, "source");
        if (eq(source, CERTIFICATE)) {
            throw new AirlineTool.Failure("Error: certificate cannot be used to update reservation");
        } else if (eq(source, GIFT_CARD) && AirlinePython.lt(item(method, "amount"), price)) {
            throw new AirlineTool.Failure("Error: gift card balance is not enough");
        }
    }

    /** After {@link #check}: a gift card's {@code amount -= price} (done even when the price is 0). */
    static void debitGiftCard(AirlineTables data, Map<String, Object> reservation, String paymentId, Object price) {
        if (eq(item(methodsOf(data, reservation).get(paymentId), "source"), GIFT_CARD)) {
            String userId = (String) reservation.get("user_id");
            Map<String, Object> method = dict(dict(data.userForWrite(userId).get("payment_methods")).get(paymentId));
            method.put("amount", AirlinePython.sub(method.get("amount"), price, "-="));
        }
    }

    /** {@code {"payment_id": id, "amount": amount}}. */
    static Map<String, Object> entry(Object paymentId, Object amount) {
        Map<String, Object> payment = new LinkedHashMap<>();
        payment.put("payment_id", paymentId);
        payment.put("amount", amount);
        return payment;
    }
}
