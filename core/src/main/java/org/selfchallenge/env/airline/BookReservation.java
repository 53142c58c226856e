package org.selfchallenge.env.airline;

import static org.selfchallenge.env.airline.AirlinePython.dict;
import static org.selfchallenge.env.airline.AirlinePython.eq;
import static org.selfchallenge.env.airline.AirlinePython.in;
import static org.selfchallenge.env.airline.AirlinePython.item;
import static org.selfchallenge.env.airline.AirlinePython.iterate;
import static org.selfchallenge.env.airline.AirlinePython.str;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.selfchallenge.pyval.PyJson;
import org.selfchallenge.pyval.PyValues;

/**
 * {@code book_reservation}. Upstream quirks kept on purpose (they decide the ground-truth hash):
 * the id is the first free one of {@value #ID_1}/{@value #ID_2}, else {@value #ID_3} (overwritten if
 * taken); {@code created_at} is always {@value #CREATED_AT}; seats are checked but never decremented;
 * the caller's {@code payment_methods} list is stored as {@code payment_history}; used certificates
 * are deleted whatever amount was drawn from them.
 *
 * <p>Total, in Python's evaluation order:
 * {@code Σ_segments price·len(passengers) [+ 30·len(passengers) if insurance == "yes"] + 50·nonfree_baggages}.
 * Payments must sum (Python 3.12 {@code sum}) to exactly that total.
 */
final class BookReservation extends AirlineTool {
    static final String ID_1 = "HATHAT";
    static final String ID_2 = "HATHAU";
    static final String ID_3 = "HATHAV";
    static final String CREATED_AT = "2024-05-15T15:00:00";
    static final long INSURANCE_PER_PASSENGER = 30;
    static final long PRICE_PER_NONFREE_BAG = 50;

    BookReservation() {
        super("book_reservation", false, "user_id", "origin", "destination", "flight_type", "cabin", "flights",
                "passengers", "payment_methods", "total_baggages", "nonfree_baggages", "insurance");
    }

    @Override
    String run(AirlineTables data, Map<String, Object> a) {
        Object userId = a.get("user_id");
        if (!data.hasUser(userId)) {
            return "Error: user not found";
        }
        String uid = (String) userId;

        String reservationId = ID_1;
        if (data.hasReservation(reservationId)) {
            reservationId = ID_2;
            if (data.hasReservation(reservationId)) {
                reservationId = ID_3;
            }
        }
        Object passengers = PyValues.deepCopy(a.get("passengers"));
        Object paymentMethods = PyValues.deepCopy(a.get("payment_methods"));
        Object cabin = a.get("cabin");
        Map<String, Object> reservation = new LinkedHashMap<>();
        reservation.put("reservation_id", reservationId);
        reservation.put("user_id", uid);
        reservation.put("origin", PyValues.deepCopy(a.get("origin")));
        reservation.put("destination", PyValues.deepCopy(a.get("destination")));
        reservation.put("flight_type", PyValues.deepCopy(a.get("flight_type")));
        reservation.put("cabin", PyValues.deepCopy(cabin));
        reservation.put("flights", PyValues.deepCopy(a.get("flights")));
        reservation.put("passengers", passengers);
        reservation.put("payment_history", paymentMethods);
        reservation.put("created_at", CREATED_AT);
        reservation.put("total_baggages", PyValues.deepCopy(a.get("total_baggages")));
        reservation.put("nonfree_baggages", PyValues.deepCopy(a.get("nonfree_baggages")));
        reservation.put("insurance", PyValues.deepCopy(a.get("insurance")));

        Object total = priceItinerary(data, reservation.get("flights"), cabin, passengers, a);
        checkPayments(data.user(uid), paymentMethods, total);
        debit(dict(data.userForWrite(uid).get("payment_methods")), paymentMethods);
        data.putReservation(reservationId, reservation);
        AirlinePython.append(item(data.userForWrite(uid), "reservations"), reservationId);
        return PyJson.dumps(reservation);
    }

    /**
     * {@code Σ price·len(passengers)} over the (copied) segments, each checked and priced in place,
     * {@code + 30·len(passengers)} if insured, {@code + 50·nonfree_baggages}; Python types kept.
     */
    private static Object priceItinerary(AirlineTables data, Object flights, Object cabin, Object passengers,
                                         Map<String, Object> a) {
        Object total = 0L;
        for (Object segment : iterate(flights)) {
            Object price = FlightSegments.priceSegment(data, segment, cabin, () -> AirlinePython.len(passengers));
            total = AirlinePython.add(total, AirlinePython.mul(price, AirlinePython.len(passengers)), "+=");
        }
        if (eq(a.get("insurance"), "yes")) {
            total = AirlinePython.add(total, AirlinePython.mul(INSURANCE_PER_PASSENGER, AirlinePython.len(passengers)), "+=");
        }
        return AirlinePython.add(total, AirlinePython.mul(PRICE_PER_NONFREE_BAG, a.get("nonfree_baggages")), "+=");
    }

    /** Each method must exist; gift cards and certificates must cover their amount; the sum must equal the total. */
    private static void checkPayments(Map<String, Object> user, Object paymentMethods, Object total) {
        Map<String, Object> methods = dict(item(user, "payment_methods"));
        List<Object> amounts = new ArrayList<>();
        for (Object payment : iterate(paymentMethods)) {
            Object paymentId = item(payment, "payment_id");
            Object amount = item(payment, "amount");
            if (!in(methods, paymentId)) {
                throw new Failure("Error: payment method " + str(paymentId) + " not found");
            }
            Object method = methods.get((String) paymentId);
            Object source = item(method, "source");
            if ((eq(source, Payments.GIFT_CARD) || eq(source, Payments.CERTIFICATE))
                    && AirlinePython.lt(item(method, "amount"), amount)) {
                throw new Failure("Error: not enough balance in payment method " + str(paymentId));
            }
            amounts.add(amount);
        }
        Object paid = AirlinePython.sum(amounts);
        if (!eq(paid, total)) {
            throw new Failure("Error: payment amount does not add up, total price is " + str(total) + ", but paid "
                    + str(paid));
        }
    }

    /**
     * Debits gift cards and deletes used certificates, in payment order. Upstream can still fail
     * half-way here (a certificate listed twice is deleted, then looked up again: KeyError), leaving
     * the earlier debits applied and storing no reservation; this keeps that.
     */
    private static void debit(Map<String, Object> writableMethods, Object paymentMethods) {
        for (Object payment : iterate(paymentMethods)) {
            Object paymentId = item(payment, "payment_id");
            Object amount = item(payment, "amount");
            Object method = item(writableMethods, paymentId);
            Object source = item(method, "source");
            if (eq(source, Payments.GIFT_CARD)) {
                dict(method).put("amount", AirlinePython.sub(item(method, "amount"), amount, "-="));
            } else if (eq(source, Payments.CERTIFICATE)) {
                writableMethods.remove((String) paymentId);
            }
        }
    }
}
