package org.selfchallenge.env.retail;

import org.selfchallenge.env.AbstractTauTool;
import org.selfchallenge.env.CowDatabase;
import org.selfchallenge.pyval.PyJson;
import org.selfchallenge.pyval.PyToolOps;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code cancel_pending_order(order_id, reason)}: refunds every payment-history entry (gift cards at
 * once: {@code balance = round(balance + amount, 2)}), sets status "cancelled" and cancel_reason.
 */
public final class CancelPendingOrder extends AbstractTauTool {
    static final List<String> REASONS = List.of("no longer needed", "ordered by mistake");

    public CancelPendingOrder() {
        super("cancel_pending_order", false, "order_id", "reason");
    }

    @Override
    public String invoke(CowDatabase db, Map<String, Object> kw) {
        Object orderId = kw.get("order_id");
        Object reason = kw.get("reason");
        Map<String, Object> order = db.read(RetailData.ORDERS, orderId);
        if (order == null) {
            return RetailData.ORDER_NOT_FOUND;
        }
        if (!"pending".equals(order.get("status"))) {
            return "Error: non-pending order cannot be cancelled";
        }
        if (!REASONS.contains(reason)) {
            return "Error: invalid reason";
        }
        List<Object> refunds = new ArrayList<>();
        Object userId = order.get("user_id");
        for (Object payment : PyToolOps.iterable(PyToolOps.getItem(order, "payment_history"))) {
            Object paymentId = PyToolOps.getItem(payment, "payment_method_id");
            Object amount = PyToolOps.getItem(payment, "amount");
            refunds.add(RetailData.transaction("refund", amount, paymentId));
            if (PyToolOps.contains(paymentId, "gift_card")) {
                // As upstream, inside the loop: a missing method raises KeyError after earlier refunds
                // were applied to the balances.
                PyToolOps.getItem(PyToolOps.dict(RetailData.user(db, userId), "payment_methods"), paymentId);
                Map<String, Object> user = db.write(RetailData.USERS, userId);
                RetailData.addToBalance(PyToolOps.dict(user.get("payment_methods"), paymentId), amount);
            }
        }
        Map<String, Object> o = db.write(RetailData.ORDERS, orderId);
        o.put("status", "cancelled");
        o.put("cancel_reason", reason);
        @SuppressWarnings("unchecked")
        List<Object> history = (List<Object>) o.get("payment_history");
        history.addAll(refunds);
        return PyJson.dumps(o);
    }
}
