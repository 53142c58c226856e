package org.selfchallenge.env.airline;

import static org.selfchallenge.env.airline.AirlinePython.eq;
import static org.selfchallenge.env.airline.AirlinePython.item;
import static org.selfchallenge.env.airline.AirlinePython.iterate;
import static org.selfchallenge.env.airline.AirlinePython.len;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.selfchallenge.pyval.PyJson;
import org.selfchallenge.pyval.PyValues;

/**
 * {@code update_reservation_flights}: the new itinerary replaces the old one. A segment whose flight
 * number and date match an existing segment, while {@code cabin} equals the reservation's cabin,
 * keeps the old segment's price, origin and destination; any other segment is checked and priced like
 * a booking at today's fare for {@code cabin}.
 *
 * <p>Charge {@code = Σ new prices · len(passengers) − Σ old prices · len(passengers)} (negative is a
 * refund), checked and paid like baggage. Upstream quirk kept: {@code reservation["cabin"]} is never
 * updated, so a later call compares against the original cabin again.
 */
final class UpdateReservationFlights extends AirlineTool {
    UpdateReservationFlights() {
        super("update_reservation_flights", false, "reservation_id", "cabin", "flights", "payment_id");
    }

    @Override
    String run(AirlineTables data, Map<String, Object> a) {
        Object reservationId = a.get("reservation_id");
        if (!data.hasReservation(reservationId)) {
            return "Error: reservation not found";
        }
        String id = (String) reservationId;
        Map<String, Object> current = data.reservation(id);
        Object cabin = a.get("cabin");
        Object flights = PyValues.deepCopy(a.get("flights"));
        Object total = 0L;
        for (Object segment : iterate(flights)) {
            Object kept = existingSegment(current, segment, cabin);
            if (kept != null) {
                Object price = item(kept, "price");
                total = AirlinePython.add(total, AirlinePython.mul(price, len(item(current, "passengers"))), "+=");
                Map<String, Object> seg = AirlinePython.dict(segment);
                seg.put("price", price);
                seg.put("origin", item(kept, "origin"));
                seg.put("destination", item(kept, "destination"));
                continue;
            }
            Object price = FlightSegments.priceSegment(data, segment, cabin,
                    () -> len(item(current, "passengers")));
            total = AirlinePython.add(total, AirlinePython.mul(price, len(item(current, "passengers"))), "+=");
        }
        List<Object> oldPrices = new ArrayList<>();
        for (Object old : iterate(item(current, "flights"))) {
            oldPrices.add(item(old, "price"));
        }
        total = AirlinePython.sub(total, AirlinePython.mul(AirlinePython.sum(oldPrices), len(item(current, "passengers"))), "-=");

        Object paymentId = a.get("payment_id");
        Payments.check(data, current, paymentId, total);

        Map<String, Object> reservation = data.reservationForWrite(id);
        Payments.debitGiftCard(data, reservation, (String) paymentId, total);
        reservation.put("flights", flights);
        if (AirlinePython.nonZero(total)) {
            AirlinePython.append(reservation.get("payment_history"), Payments.entry(paymentId, total));
        }
        return PyJson.dumps(reservation);
    }

    /**
     * The first old segment with the same flight number and date while the cabin is unchanged, or
     * null. Like the upstream list comprehension, every old segment is evaluated (left to right,
     * short-circuiting within one), so its KeyErrors surface in the same order.
     */
    private static Object existingSegment(Map<String, Object> reservation, Object segment, Object cabin) {
        Object first = null;
        for (Object old : iterate(item(reservation, "flights"))) {
            boolean same = eq(item(old, "flight_number"), item(segment, "flight_number"))
                    && eq(item(old, "date"), item(segment, "date"))
                    && eq(cabin, item(reservation, "cabin"));
            if (same && first == null) {
                first = old;
            }
        }
        return first;
    }
}
