package org.selfchallenge.env.retail;

import org.selfchallenge.env.AbstractTauTool;
import org.selfchallenge.env.CowDatabase;
import org.selfchallenge.pyval.PyJson;
import org.selfchallenge.pyval.PyMath;
import org.selfchallenge.pyval.PyToolOps;

import java.util.List;
import java.util.Map;

/**
 * {@code return_delivered_order_items(order_id, item_ids, payment_method_id)}: records the return
 * request ({@code return_items = sorted(ids)}); no money moves.
 */
public final class ReturnDeliveredOrderItems extends AbstractTauTool {
    public ReturnDeliveredOrderItems() {
        super("return_delivered_order_items", false, "order_id", "item_ids", "payment_method_id");
    }

    @Override
    public String invoke(CowDatabase db, Map<String, Object> kw) {
        Object orderId = kw.get("order_id");
        Object paymentMethodId = kw.get("payment_method_id");
        Map<String, Object> order = db.read(RetailData.ORDERS, orderId);
        if (order == null) {
            return RetailData.ORDER_NOT_FOUND;
        }
        if (!"delivered".equals(order.get("status"))) {
            return "Error: non-delivered order cannot be returned";
        }
        Map<String, Object> methods = PyToolOps.dict(RetailData.user(db, order.get("user_id")), "payment_methods");
        if (!methods.containsKey(paymentMethodId)) {
            return RetailData.PAYMENT_NOT_FOUND;
        }
        // Short-circuits as upstream: the original payment is only looked at for a non-gift-card method.
        if (!PyToolOps.contains(paymentMethodId, "gift_card") && !PyMath.pyEquals(paymentMethodId, PyToolOps.getItem(
                PyToolOps.getItem(PyToolOps.getItem(order, "payment_history"), 0L), "payment_method_id"))) {
            return "Error: payment method should be either the original payment method or a gift card";
        }
        List<Object> itemIds = PyToolOps.iterable(kw.get("item_ids"));
        if (RetailData.missingItem(order, itemIds) != null) {
            return "Error: some item not found";
        }
        Map<String, Object> o = db.write(RetailData.ORDERS, orderId);
        o.put("status", "return requested");
        o.put("return_items", PyToolOps.sorted(itemIds));
        o.put("return_payment_method_id", paymentMethodId);
        return PyJson.dumps(o);
    }
}
