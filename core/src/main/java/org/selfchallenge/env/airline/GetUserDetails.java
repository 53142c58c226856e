package org.selfchallenge.env.airline;

import java.util.Map;

import org.selfchallenge.pyval.PyJson;

/** {@code get_user_details}: the user record as {@code json.dumps}. */
final class GetUserDetails extends AirlineTool {
    GetUserDetails() {
        super("get_user_details", true, "user_id");
    }

    @Override
    String run(AirlineTables data, Map<String, Object> a) {
        Object id = a.get("user_id");
        if (data.hasUser(id)) {
            return PyJson.dumps(data.user((String) id));
        }
        return "Error: user not found";
    }
}
