package org.selfchallenge.env.airline;

import static org.selfchallenge.env.airline.AirlinePython.item;

import java.util.Map;

import org.selfchallenge.pyval.PyJson;
import org.selfchallenge.pyval.PyValues;

/**
 * {@code update_reservation_baggages}: price {@code = 50 · max(0, nonfree_baggages − old nonfree)};
 * checks the payment method (not found / certificate / gift-card balance), then sets both counts,
 * debits a gift card ({@code amount -= price}, even when 0) and appends a payment if price ≠ 0.
 * Removing bags is never refunded.
 */
final class UpdateReservationBaggages extends AirlineTool {
    static final long PRICE_PER_NONFREE_BAG = 50;

    UpdateReservationBaggages() {
        super("update_reservation_baggages", false, "reservation_id", "total_baggages", "nonfree_baggages", "payment_id");
    }

    @Override
    String run(AirlineTables data, Map<String, Object> a) {
        Object reservationId = a.get("reservation_id");
        if (!data.hasReservation(reservationId)) {
            return "Error: reservation not found";
        }
        String id = (String) reservationId;
        Map<String, Object> current = data.reservation(id);
        Object nonfree = a.get("nonfree_baggages");
        Object price = AirlinePython.mul(PRICE_PER_NONFREE_BAG,
                AirlinePython.maxZero(AirlinePython.sub(nonfree, item(current, "nonfree_baggages"), "-")));
        Object paymentId = a.get("payment_id");
        Payments.check(data, current, paymentId, price);

        Map<String, Object> reservation = data.reservationForWrite(id);
        reservation.put("total_baggages", PyValues.deepCopy(a.get("total_baggages")));
        reservation.put("nonfree_baggages", nonfree);
        Payments.debitGiftCard(data, reservation, (String) paymentId, price);
        if (AirlinePython.nonZero(price)) {
            AirlinePython.append(reservation.get("payment_history"), Payments.entry(paymentId, price));
        }
        return PyJson.dumps(reservation);
    }
}
