package org.selfchallenge.challenger;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

/**
 * Retail: "return item I of delivered order X, refund to the original payment method". evaluate():
 * the order is "return requested" with exactly that item and method. Failure cases: another item of
 * the order (when there is one); doing nothing.
 */
public final class RetailReturnDeliveredItem implements TaskFamily {
    @Override
    public String env() {
        return "retail";
    }

    @Override
    public String name() {
        return "retail.return_delivered_item";
    }

    @Override
    @SuppressWarnings("unchecked")
    public Optional<CatDraft> draft(Explorer ex, Random rnd) {
        Map<String, Object> user = RetailRecords.randomUser(ex, rnd);
        if (user == null) {
            return Optional.empty();
        }
        List<Map<String, Object>> delivered = RetailRecords.orders(ex, user, "delivered");
        if (delivered.isEmpty()) {
            return Optional.empty();
        }
        Map<String, Object> order = delivered.get(rnd.nextInt(delivered.size()));
        String oid = (String) order.get("order_id");
        List<Map<String, Object>> items = (List<Map<String, Object>>) order.get("items");
        int pick = rnd.nextInt(items.size());
        Map<String, Object> item = items.get(pick);
        String itemId = (String) item.get("item_id");
        String pm = (String) ((Map<String, Object>) ((List<Object>) order.get("payment_history")).get(0)).get("payment_method_id");
        String instruction = RetailRecords.identity(user, rnd) + " You want to return the " + item.get("name")
                + " (item " + itemId + ") from your delivered order " + oid
                + " and get the refund on the original payment method " + pm + ".";
        String evaluation = String.join("\n",
                "def evaluate():",
                "    order = get_order_details(order_id=" + CatDraft.py(oid) + ")",
                "    return (order[\"status\"] == \"return requested\"",
                "            and order.get(\"return_items\") == [" + CatDraft.py(itemId) + "]",
                "            and order.get(\"return_payment_method_id\") == " + CatDraft.py(pm) + ")");
        String solution = call(oid, itemId, pm);
        List<String> failures = new java.util.ArrayList<>();
        for (Map<String, Object> other : items) {
            if (!itemId.equals(other.get("item_id"))) {
                failures.add(call(oid, (String) other.get("item_id"), pm));
                break;
            }
        }
        failures.add("pass");
        return Optional.of(new CatDraft(name(), instruction, evaluation, solution, failures));
    }

    private static String call(String oid, String itemId, String pm) {
        return "return_delivered_order_items(order_id=" + CatDraft.py(oid) + ", item_ids=[" + CatDraft.py(itemId)
                + "], payment_method_id=" + CatDraft.py(pm) + ")";
    }
}
