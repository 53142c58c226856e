package org.selfchallenge.env.retail;

import org.selfchallenge.env.CowDatabase;
import org.selfchallenge.pyval.PyException;
import org.selfchallenge.pyval.PyMath;
import org.selfchallenge.pyval.PyToolOps;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Table names and the checks several retail tools share, in upstream order and wording. */
final class RetailData {
    private RetailData() {
    }

    static final String ORDERS = "orders";
    static final String PRODUCTS = "products";
    static final String USERS = "users";

    static final String ORDER_NOT_FOUND = "Error: order not found";
    static final String USER_NOT_FOUND = "Error: user not found";
    static final String PAYMENT_NOT_FOUND = "Error: payment method not found";

    /** {@code [item["item_id"] for item in order["items"]]}. */
    static List<Object> itemIds(Map<String, Object> order) {
        List<Object> out = new ArrayList<>();
        for (Object item : PyToolOps.iterable(PyToolOps.getItem(order, "items"))) {
            out.add(PyToolOps.getItem(item, "item_id"));
        }
        return out;
    }

    /** The first requested id asked for more often than the order holds it, or null. */
    static Object missingItem(Map<String, Object> order, List<Object> itemIds) {
        List<Object> all = itemIds(order);
        for (Object id : itemIds) {
            if (PyToolOps.count(itemIds, id) > PyToolOps.count(all, id)) {
                return id;
            }
        }
        return null;
    }

    /** {@code [item for item in items if item["item_id"] == item_id][0]}. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> firstItem(Map<String, Object> order, Object itemId) {
        for (Object item : PyToolOps.iterable(PyToolOps.getItem(order, "items"))) {
            if (PyMath.pyEquals(PyToolOps.getItem(item, "item_id"), itemId)) {
                return (Map<String, Object>) item;
            }
        }
        throw new PyException("IndexError", "list index out of range");
    }

    /**
     * The price difference Σ(new − old) of swapping {@code itemIds[i]} for {@code newItemIds[i]}
     * (starts at int 0, accumulated in order, unrounded), or an error string when a new item is not an
     * available variant of the old item's product. Shared by exchange and modify-items.
     */
    static Object priceDifference(CowDatabase db, Map<String, Object> order, List<Object> itemIds,
                                  List<Object> newItemIds) {
        Object diff = 0L;
        int n = Math.min(itemIds.size(), newItemIds.size());
        for (int i = 0; i < n; i++) {
            Map<String, Object> item = firstItem(order, itemIds.get(i));
            Object productId = PyToolOps.getItem(item, "product_id");
            Map<String, Object> variants = PyToolOps.dict(product(db, productId), "variants");
            Object newItemId = newItemIds.get(i);
            if (!(variants.containsKey(newItemId)
                    && PyToolOps.truthy(PyToolOps.getItem(variants.get(newItemId), "available")))) {
                return "Error: new item " + org.selfchallenge.pyval.PyRepr.str(newItemId) + " not found or available";
            }
            Object oldPrice = PyToolOps.getItem(item, "price");
            Object newPrice = PyToolOps.getItem(variants.get(newItemId), "price");
            diff = PyMath.add(diff, PyMath.sub(newPrice, oldPrice));
        }
        return diff;
    }

    /** {@code products[product_id]}, KeyError if absent. */
    static Map<String, Object> product(CowDatabase db, Object productId) {
        Map<String, Object> p = db.read(PRODUCTS, productId);
        if (p == null) {
            throw PyException.keyError(productId);
        }
        return p;
    }

    /** {@code users[user_id]} for reading, KeyError if absent. */
    static Map<String, Object> user(CowDatabase db, Object userId) {
        Map<String, Object> u = db.read(USERS, userId);
        if (u == null) {
            throw PyException.keyError(userId);
        }
        return u;
    }

    /** {@code users[user_id]} as a private copy, KeyError if absent. */
    static Map<String, Object> userForWrite(CowDatabase db, Object userId) {
        if (!db.has(USERS, userId)) {
            throw PyException.keyError(userId);
        }
        return db.write(USERS, userId);
    }

    /** A payment-history entry {@code {transaction_type, amount, payment_method_id}}. */
    static Map<String, Object> transaction(String type, Object amount, Object paymentMethodId) {
        LinkedHashMap<String, Object> t = new LinkedHashMap<>();
        t.put("transaction_type", type);
        t.put("amount", amount);
        t.put("payment_method_id", paymentMethodId);
        return t;
    }

    /** {@code {"address1": …, "zip": …}} in upstream key order. */
    static Map<String, Object> address(Map<String, Object> kw) {
        LinkedHashMap<String, Object> a = new LinkedHashMap<>();
        for (String k : new String[] {"address1", "address2", "city", "state", "country", "zip"}) {
            a.put(k, org.selfchallenge.pyval.PyValues.deepCopy(kw.get(k)));
        }
        return a;
    }

    /** {@code pm["balance"] = round(pm["balance"] + delta, 2)}. */
    static void addToBalance(Map<String, Object> paymentMethod, Object delta) {
        Object b = PyMath.add(PyToolOps.getItem(paymentMethod, "balance"), delta);
        paymentMethod.put("balance", PyMath.round(b, 2));
    }

    /** {@code pm["balance"] = round(pm["balance"] - delta, 2)}. */
    static void subtractFromBalance(Map<String, Object> paymentMethod, Object delta) {
        Object b = PyMath.sub(PyToolOps.getItem(paymentMethod, "balance"), delta);
        paymentMethod.put("balance", PyMath.round(b, 2));
    }

    /** {@code pm["source"] == "gift_card" and pm["balance"] < amount}. */
    static boolean giftCardTooLow(Map<String, Object> paymentMethod, Object amount) {
        return "gift_card".equals(PyToolOps.getItem(paymentMethod, "source"))
                && PyMath.lt(PyToolOps.getItem(paymentMethod, "balance"), amount);
    }
}
