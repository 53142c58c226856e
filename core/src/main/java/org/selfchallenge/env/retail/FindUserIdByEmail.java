package org.selfchallenge.env.retail;

import org.selfchallenge.env.AbstractTauTool;
import org.selfchallenge.env.CowDatabase;
import org.selfchallenge.pyval.PyToolOps;

import java.util.Map;

/** {@code find_user_id_by_email(email)}: case-insensitive, first match in file order. */
public final class FindUserIdByEmail extends AbstractTauTool {
    public FindUserIdByEmail() {
        super("find_user_id_by_email", true, "email");
    }

    @Override
    public String invoke(CowDatabase db, Map<String, Object> kw) {
        Object email = kw.get("email");
        String wanted = null; // email.lower(), evaluated at the first user as upstream does
        for (String userId : db.ids(RetailData.USERS)) {
            Map<String, Object> profile = db.read(RetailData.USERS, userId);
            String have = PyToolOps.lower(PyToolOps.getItem(profile, "email"));
            if (wanted == null) {
                wanted = PyToolOps.lower(email);
            }
            if (have.equals(wanted)) {
                return userId;
            }
        }
        return RetailData.USER_NOT_FOUND;
    }
}
