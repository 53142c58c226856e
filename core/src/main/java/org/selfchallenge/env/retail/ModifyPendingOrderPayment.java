package org.selfchallenge.env.retail;

import org.selfchallenge.env.AbstractTauTool;
import org.selfchallenge.env.CowDatabase;
import org.selfchallenge.pyval.PyJson;
import org.selfchallenge.pyval.PyToolOps;

import java.util.List;
import java.util.Map;

/**
 * {@code modify_pending_order_payment(order_id, payment_method_id)}: appends a payment on the new
 * method and a refund on the old one; gift-card balances on either side are updated and rounded.
 */
public final class ModifyPendingOrderPayment extends AbstractTauTool {
    public ModifyPendingOrderPayment() {
        super("modify_pending_order_payment", false, "order_id", "payment_method_id");
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
        Object userId = order.get("user_id");
        Map<String, Object> methods = PyToolOps.dict(RetailData.user(db, userId), "payment_methods");
        if (!methods.containsKey(paymentMethodId)) {
            return RetailData.PAYMENT_NOT_FOUND;
        }
        List<Object> history = PyToolOps.iterable(PyToolOps.getItem(order, "payment_history"));
        if (history.size() > 1 || !"payment".equals(PyToolOps.getItem(PyToolOps.getItem(history, 0L), "transaction_type"))) {
            return "Error: there should be exactly one payment for a pending order";
        }
        Map<String, Object> first = PyToolOps.dict(history, 0L);
        Object oldMethodId = first.get("payment_method_id");
        if (org.selfchallenge.pyval.PyMath.pyEquals(oldMethodId, paymentMethodId)) {
            return "Error: the new payment method should be different from the current one";
        }
        Object amount = PyToolOps.getItem(first, "amount");
        Map<String, Object> method = PyToolOps.dict(methods, paymentMethodId);
        if (RetailData.giftCardTooLow(method, amount)) {
            return "Error: insufficient gift card balance to pay for the order";
        }

        Map<String, Object> o = db.write(RetailData.ORDERS, orderId);
        List<Object> h = (List<Object>) o.get("payment_history");
        h.add(RetailData.transaction("payment", amount, paymentMethodId));
        h.add(RetailData.transaction("refund", amount, oldMethodId));
        if ("gift_card".equals(method.get("source"))) {
            Map<String, Object> user = db.write(RetailData.USERS, userId);
            RetailData.subtractFromBalance(PyToolOps.dict(user.get("payment_methods"), paymentMethodId), amount);
        }
        if (PyToolOps.contains(oldMethodId, "gift_card")) {
            Map<String, Object> userMethods = PyToolOps.dict(RetailData.user(db, userId), "payment_methods");
            PyToolOps.getItem(userMethods, oldMethodId); // KeyError, as upstream, if the old card is gone
            Map<String, Object> user = db.write(RetailData.USERS, userId);
            RetailData.addToBalance(PyToolOps.dict(user.get("payment_methods"), oldMethodId), amount);
        }
        return PyJson.dumps(o);
    }
}
