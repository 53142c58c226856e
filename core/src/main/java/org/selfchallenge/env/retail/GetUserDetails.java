package org.selfchallenge.env.retail;

import org.selfchallenge.env.AbstractTauTool;
import org.selfchallenge.env.CowDatabase;
import org.selfchallenge.pyval.PyJson;

import java.util.Map;

/** {@code get_user_details(user_id)}: the user record as {@code json.dumps}, or "Error: user not found". */
public final class GetUserDetails extends AbstractTauTool {
    public GetUserDetails() {
        super("get_user_details", true, "user_id");
    }

    @Override
    public String invoke(CowDatabase db, Map<String, Object> kw) {
        Map<String, Object> record = db.read(RetailData.USERS, kw.get("user_id"));
        return record == null ? "Error: user not found" : PyJson.dumps(record);
    }
}
