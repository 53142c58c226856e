package org.selfchallenge.env.airline;

import java.util.Map;

import org.selfchallenge.pyval.PyJson;

/** {@code get_reservation_details}. A missing id answers "Error: user not found" (sic, upstream text). */
final class GetReservationDetails extends AirlineTool {
    static final String NOT_FOUND = "Error: user not found";

    GetReservationDetails() {
        super("get_reservation_details", true, "reservation_id");
    }

    @Override
    String run(AirlineTables data, Map<String, Object> a) {
        Object id = a.get("reservation_id");
        if (data.hasReservation(id)) {
            return PyJson.dumps(data.reservation((String) id));
        }
        return NOT_FOUND;
    }
}
