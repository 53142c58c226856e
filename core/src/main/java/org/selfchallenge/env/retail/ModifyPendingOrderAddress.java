package org.selfchallenge.env.retail;

import org.selfchallenge.env.AbstractTauTool;
import org.selfchallenge.env.CowDatabase;
import org.selfchallenge.pyval.PyJson;

import java.util.Map;

/** {@code modify_pending_order_address(order_id, address1, …, zip)}: status must be exactly "pending". */
public final class ModifyPendingOrderAddress extends AbstractTauTool {
    public ModifyPendingOrderAddress() {
        super("modify_pending_order_address", false,
                "order_id", "address1", "address2", "city", "state", "country", "zip");
    }

    @Override
    public String invoke(CowDatabase db, Map<String, Object> kw) {
        Object orderId = kw.get("order_id");
        Map<String, Object> order = db.read(RetailData.ORDERS, orderId);
        if (order == null) {
            return RetailData.ORDER_NOT_FOUND;
        }
        if (!"pending".equals(order.get("status"))) {
            return "Error: non-pending order cannot be modified";
        }
        Map<String, Object> o = db.write(RetailData.ORDERS, orderId);
        o.put("address", RetailData.address(kw));
        return PyJson.dumps(o);
    }
}
