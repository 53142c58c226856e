package org.selfchallenge.env.airline;

import static org.selfchallenge.env.airline.AirlinePython.item;
import static org.selfchallenge.env.airline.AirlinePython.len;

import java.util.Map;

import org.selfchallenge.pyval.PyJson;
import org.selfchallenge.pyval.PyValues;

/**
 * {@code update_reservation_passengers}: replaces the passenger list when it has the same length
 * ({@code len()}, so any sized value passes); no other check.
 */
final class UpdateReservationPassengers extends AirlineTool {
    UpdateReservationPassengers() {
        super("update_reservation_passengers", false, "reservation_id", "passengers");
    }

    @Override
    String run(AirlineTables data, Map<String, Object> a) {
        Object reservationId = a.get("reservation_id");
        if (!data.hasReservation(reservationId)) {
            return "Error: reservation not found";
        }
        String id = (String) reservationId;
        Object passengers = a.get("passengers");
        if (len(passengers) != len(item(data.reservation(id), "passengers"))) {
            return "Error: number of passengers does not match";
        }
        Map<String, Object> reservation = data.reservationForWrite(id);
        reservation.put("passengers", PyValues.deepCopy(passengers));
        return PyJson.dumps(reservation);
    }
}
