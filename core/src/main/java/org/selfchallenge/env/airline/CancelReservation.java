package org.selfchallenge.env.airline;

import static org.selfchallenge.env.airline.AirlinePython.item;
import static org.selfchallenge.env.airline.AirlinePython.iterate;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.selfchallenge.pyval.PyJson;

/**
 * {@code cancel_reservation}: appends a refund {@code {payment_id, amount: -amount}} for every entry
 * already in the payment history (refunds of refunds included on a second cancel) and sets
 * {@code status = "cancelled"}. No other check (flight dates, status), no balance change.
 */
final class CancelReservation extends AirlineTool {
    static final String CANCELLED = "cancelled";

    CancelReservation() {
        super("cancel_reservation", false, "reservation_id");
    }

    @Override
    String run(AirlineTables data, Map<String, Object> a) {
        Object reservationId = a.get("reservation_id");
        if (!data.hasReservation(reservationId)) {
            return "Error: reservation not found";
        }
        String id = (String) reservationId;
        List<Object> refunds = new ArrayList<>();
        for (Object payment : iterate(item(data.reservation(id), "payment_history"))) {
            refunds.add(Payments.entry(item(payment, "payment_id"), AirlinePython.neg(item(payment, "amount"))));
        }
        Map<String, Object> reservation = data.reservationForWrite(id);
        AirlinePython.extend(reservation.get("payment_history"), refunds);
        reservation.put("status", CANCELLED);
        return PyJson.dumps(reservation);
    }
}
