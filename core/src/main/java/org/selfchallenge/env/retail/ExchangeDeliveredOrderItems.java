package org.selfchallenge.env.retail;

import org.selfchallenge.env.AbstractTauTool;
import org.selfchallenge.env.CowDatabase;
import org.selfchallenge.pyval.PyJson;
import org.selfchallenge.pyval.PyMath;
import org.selfchallenge.pyval.PyRepr;
import org.selfchallenge.pyval.PyToolOps;

import java.util.List;
import java.util.Map;

/**
 * {@code exchange_delivered_order_items(order_id, item_ids, new_item_ids, payment_method_id)}: records
 * the exchange request (sorted id lists, price difference rounded to 2 places); moves no money.
 */
public final class ExchangeDeliveredOrderItems extends AbstractTauTool {
    public ExchangeDeliveredOrderItems() {
        super("exchange_delivered_order_items", false, "order_id", "item_ids", "new_item_ids", "payment_method_id");
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
            return "Error: non-delivered order cannot be exchanged";
        }
        List<Object> itemIds = PyToolOps.iterable(kw.get("item_ids"));
        Object missing = RetailData.missingItem(order, itemIds);
        if (missing != null) {
            return "Error: " + PyRepr.str(missing) + " not found";
        }
        List<Object> newItemIds = PyToolOps.iterable(kw.get("new_item_ids"));
        if (itemIds.size() != newItemIds.size()) {
            return "Error: the number of items to be exchanged should match";
        }
        Object diff = RetailData.priceDifference(db, order, itemIds, newItemIds);
        if (diff instanceof String) {
            return (String) diff;
        }
        diff = PyMath.round(diff, 2);
        Map<String, Object> methods = PyToolOps.dict(RetailData.user(db, order.get("user_id")), "payment_methods");
        if (!methods.containsKey(paymentMethodId)) {
            return RetailData.PAYMENT_NOT_FOUND;
        }
        if (RetailData.giftCardTooLow(PyToolOps.dict(methods, paymentMethodId), diff)) {
            return "Error: insufficient gift card balance to pay for the price difference";
        }
        Map<String, Object> o = db.write(RetailData.ORDERS, orderId);
        o.put("status", "exchange requested");
        o.put("exchange_items", PyToolOps.sorted(itemIds));
        o.put("exchange_new_items", PyToolOps.sorted(newItemIds));
        o.put("exchange_payment_method_id", paymentMethodId);
        o.put("exchange_price_difference", diff);
        return PyJson.dumps(o);
    }
}
