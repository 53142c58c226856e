package org.selfchallenge.env.airline;

import java.util.List;
import java.util.Map;

import org.selfchallenge.pyval.PyJson;

/** {@code get_reservation_details}. A missing id answers "Error: user not found" (sic, upstream text). */
final class GetReservationDetails extends AirlineTool {
    static final String NOT_FOUND = "Error: user not found";

    @Override
    public String name() {
        return "get_reservation_details";
    }

    @Override
    public List<String> parameters() {
        return List.of("reservation_id");
    }

    @Override
    public boolean readOnly() {
        return true;
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
