package org.selfchallenge.env.retail;

import org.selfchallenge.env.AbstractTauTool;
import org.selfchallenge.env.CowDatabase;
import org.selfchallenge.pyval.PyJson;

import java.util.Map;

/** {@code modify_user_address(user_id, address1, …, zip)}: replaces the user's address. */
public final class ModifyUserAddress extends AbstractTauTool {
    public ModifyUserAddress() {
        super("modify_user_address", false, "user_id", "address1", "address2", "city", "state", "country", "zip");
    }

    @Override
    public String invoke(CowDatabase db, Map<String, Object> kw) {
        Object userId = kw.get("user_id");
        if (!db.has(RetailData.USERS, userId)) {
            return RetailData.USER_NOT_FOUND;
        }
        Map<String, Object> user = db.write(RetailData.USERS, userId);
        user.put("address", RetailData.address(kw));
        return PyJson.dumps(user);
    }
}
