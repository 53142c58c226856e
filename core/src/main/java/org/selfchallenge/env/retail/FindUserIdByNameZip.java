package org.selfchallenge.env.retail;

import org.selfchallenge.env.AbstractTauTool;
import org.selfchallenge.env.CowDatabase;
import org.selfchallenge.pyval.PyMath;
import org.selfchallenge.pyval.PyToolOps;

import java.util.Map;

/**
 * {@code find_user_id_by_name_zip(first_name, last_name, zip)}: names case-insensitive, zip exact,
 * first match in file order; the conditions short-circuit in upstream order.
 */
public final class FindUserIdByNameZip extends AbstractTauTool {
    public FindUserIdByNameZip() {
        super("find_user_id_by_name_zip", true, "first_name", "last_name", "zip");
    }

    @Override
    public String invoke(CowDatabase db, Map<String, Object> kw) {
        for (String userId : db.ids(RetailData.USERS)) {
            Map<String, Object> profile = db.read(RetailData.USERS, userId);
            Object name = PyToolOps.getItem(profile, "name");
            if (PyToolOps.lower(PyToolOps.getItem(name, "first_name")).equals(PyToolOps.lower(kw.get("first_name")))
                    && PyToolOps.lower(PyToolOps.getItem(name, "last_name")).equals(PyToolOps.lower(kw.get("last_name")))
                    && PyMath.pyEquals(PyToolOps.getItem(PyToolOps.getItem(profile, "address"), "zip"), kw.get("zip"))) {
                return userId;
            }
        }
        return RetailData.USER_NOT_FOUND;
    }
}
