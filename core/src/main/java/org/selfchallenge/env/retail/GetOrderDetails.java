package org.selfchallenge.env.retail;

import org.selfchallenge.env.AbstractTauTool;
import org.selfchallenge.env.CowDatabase;
import org.selfchallenge.pyval.PyJson;

import java.util.Map;

/** {@code get_order_details(order_id)}: the order record as {@code json.dumps}, or "Error: order not found". */
public final class GetOrderDetails extends AbstractTauTool {
    public GetOrderDetails() {
        super("get_order_details", true, "order_id");
    }

    @Override
    public String invoke(CowDatabase db, Map<String, Object> kw) {
        Map<String, Object> record = db.read(RetailData.ORDERS, kw.get("order_id"));
        return record == null ? "Error: order not found" : PyJson.dumps(record);
    }
}
