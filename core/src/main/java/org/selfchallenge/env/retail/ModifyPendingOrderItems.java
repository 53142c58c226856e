package org.selfchallenge.env.retail;

import org.selfchallenge.env.AbstractTauTool;
import org.selfchallenge.env.CowDatabase;
import org.selfchallenge.pyval.PyJson;
import org.selfchallenge.pyval.PyMath;
import org.selfchallenge.pyval.PyRepr;
import org.selfchallenge.pyval.PyToolOps;
import org.selfchallenge.pyval.PyValues;

import java.util.List;
import java.util.Map;

/**
 * {@code modify_pending_order_items(order_id, item_ids, new_item_ids, payment_method_id)}: appends a
 * payment (diff &gt; 0) or refund of {@code abs(diff)} — <b>unrounded</b> — debits a gift card
 * ({@code round(balance - diff, 2)}), then swaps each old item for the new variant, each time in the
 * first item whose <em>current</em> id matches; status becomes "pending (item modified)".
 */
public final class ModifyPendingOrderItems extends AbstractTauTool {
    public ModifyPendingOrderItems() {
        super("modify_pending_order_items", false, "order_id", "item_ids", "new_item_ids", "payment_method_id");
    }

    @Override
    @SuppressWarnings("unchecked")
    public String invoke(CowDatabase db, Map<String, Object> kw) {
        Object orderId = kw.get("order_id");
        Object paymentMethodId = kw.get("payment_method_id");
        Map<String, Object> order = db.read(RetailData.ORDERS, orderId);
        if (order == null) {
            return RetailData.ORDER_NOT_FOUND;
        }
        if (!"pending".equals(order.get("status"))) {
            return "Error: non-pending order cannot be modified";
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
        Object userId = order.get("user_id");
        Map<String, Object> methods = PyToolOps.dict(RetailData.user(db, userId), "payment_methods");
        if (!methods.containsKey(paymentMethodId)) {
            return RetailData.PAYMENT_NOT_FOUND;
        }
        Map<String, Object> method = PyToolOps.dict(methods, paymentMethodId);
        if (RetailData.giftCardTooLow(method, diff)) {
            return "Error: insufficient gift card balance to pay for the new item";
        }

        Map<String, Object> o = db.write(RetailData.ORDERS, orderId);
        ((List<Object>) o.get("payment_history")).add(RetailData.transaction(
                PyMath.gt(diff, 0L) ? "payment" : "refund", PyMath.abs(diff), paymentMethodId));
        if ("gift_card".equals(method.get("source"))) {
            Map<String, Object> user = db.write(RetailData.USERS, userId);
            RetailData.subtractFromBalance(PyToolOps.dict(user.get("payment_methods"), paymentMethodId), diff);
        }
        for (int i = 0; i < itemIds.size(); i++) {
            Map<String, Object> item = RetailData.firstItem(o, itemIds.get(i));
            Object newItemId = newItemIds.get(i);
            Map<String, Object> variant = PyToolOps.dict(
                    PyToolOps.dict(RetailData.product(db, item.get("product_id")), "variants"), newItemId);
            item.put("item_id", newItemId);
            item.put("price", variant.get("price"));
            // Upstream aliases the product's options dict; no tool mutates options, so a copy is equal.
            item.put("options", PyValues.deepCopy(variant.get("options")));
        }
        o.put("status", "pending (item modified)");
        return PyJson.dumps(o);
    }
}
