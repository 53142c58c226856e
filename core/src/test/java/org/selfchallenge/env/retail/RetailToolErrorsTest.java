package org.selfchallenge.env.retail;

import org.junit.jupiter.api.Test;
import org.selfchallenge.env.Resources;
import org.selfchallenge.pyval.PyJson;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every error string of every retail write tool (texts as in upstream {@code tools/*.py}), each on an
 * environment that must be left with the initial data hash.
 */
class RetailToolErrorsTest {
    static final String INITIAL = (String) PyJson.parseObject(
            Resources.readString("/conformance/taubench/retail_reference.json")).get("initial_data_hash");

    static Map<String, Object> kw(Object... kv) {
        LinkedHashMap<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    static void assertError(String tool, Map<String, Object> kwargs, String expected) {
        RetailEnvironment env = RetailEnvironment.create();
        assertEquals(expected, env.call(tool, kwargs));
        assertEquals(INITIAL, env.stateHash(), "data changed by failing " + tool);
        assertTrue(env.db().touchedRecords() == 0, "failing " + tool + " copied a record");
    }

    static Map<String, Object> address(String idKey, String id) {
        return kw(idKey, id, "address1", "a", "address2", "b", "city", "c", "state", "d", "country", "e", "zip", "f");
    }

    @Test
    void cancelPendingOrder() {
        String t = "cancel_pending_order";
        assertError(t, kw("order_id", "#W0", "reason", "no longer needed"), "Error: order not found");
        assertError(t, kw("order_id", "#W2611340", "reason", "no longer needed"),
                "Error: non-pending order cannot be cancelled");
        assertError(t, kw("order_id", "#W6779827", "reason", "other"), "Error: invalid reason");
    }

    @Test
    void exchangeDeliveredOrderItems() {
        String t = "exchange_delivered_order_items";
        String o = "#W1840144"; // delivered, holds 8590708195 twice, paid with paypal_2306935
        assertError(t, kw("order_id", "#W0", "item_ids", List.of(), "new_item_ids", List.of(), "payment_method_id", "x"),
                "Error: order not found");
        assertError(t, kw("order_id", "#W6779827", "item_ids", List.of(), "new_item_ids", List.of(), "payment_method_id", "x"),
                "Error: non-delivered order cannot be exchanged");
        assertError(t, kw("order_id", o, "item_ids", List.of("8590708195", "8590708195", "8590708195"),
                "new_item_ids", List.of("9385662952", "9385662952", "9385662952"), "payment_method_id", "paypal_2306935"),
                "Error: 8590708195 not found");
        assertError(t, kw("order_id", o, "item_ids", List.of("8590708195"), "new_item_ids", List.of(),
                "payment_method_id", "paypal_2306935"), "Error: the number of items to be exchanged should match");
        assertError(t, kw("order_id", o, "item_ids", List.of("8590708195"), "new_item_ids", List.of("4728397765"),
                "payment_method_id", "paypal_2306935"), "Error: new item 4728397765 not found or available");
        assertError(t, kw("order_id", o, "item_ids", List.of("8590708195"), "new_item_ids", List.of("9385662952"),
                "payment_method_id", "gift_card_0"), "Error: payment method not found");
        // #W8032761: gift card balance 39; keyboard 230.15 → 269.16 costs 39.01 more.
        assertError(t, kw("order_id", "#W8032761", "item_ids", List.of("8484921793"), "new_item_ids", List.of("7706410293"),
                "payment_method_id", "gift_card_2977513"),
                "Error: insufficient gift card balance to pay for the price difference");
    }

    @Test
    void modifyPendingOrderItems() {
        String t = "modify_pending_order_items";
        String o = "#W8367380"; // pending, credit_card_5683823, gift_card_1994993 (balance 78)
        assertError(t, kw("order_id", "#W0", "item_ids", List.of(), "new_item_ids", List.of(), "payment_method_id", "x"),
                "Error: order not found");
        assertError(t, kw("order_id", "#W1840144", "item_ids", List.of(), "new_item_ids", List.of(), "payment_method_id", "x"),
                "Error: non-pending order cannot be modified");
        assertError(t, kw("order_id", o, "item_ids", List.of("1"), "new_item_ids", List.of("2"),
                "payment_method_id", "credit_card_5683823"), "Error: 1 not found");
        assertError(t, kw("order_id", o, "item_ids", List.of("2444431651"), "new_item_ids", List.of("8068777068", "3333391894"),
                "payment_method_id", "credit_card_5683823"), "Error: the number of items to be exchanged should match");
        assertError(t, kw("order_id", o, "item_ids", List.of("2444431651"), "new_item_ids", List.of("8140269513"),
                "payment_method_id", "credit_card_5683823"), "Error: new item 8140269513 not found or available");
        assertError(t, kw("order_id", o, "item_ids", List.of("2444431651"), "new_item_ids", List.of("8068777068"),
                "payment_method_id", "paypal_0"), "Error: payment method not found");
        // #W6779827: gift card balance 49; 457.81 → 534.84 costs 77.03 more.
        assertError(t, kw("order_id", "#W6779827", "item_ids", List.of("7896397433"), "new_item_ids", List.of("2444431651"),
                "payment_method_id", "gift_card_7219486"), "Error: insufficient gift card balance to pay for the new item");
    }

    @Test
    void modifyPendingOrderPayment() {
        String t = "modify_pending_order_payment";
        assertError(t, kw("order_id", "#W0", "payment_method_id", "x"), "Error: order not found");
        assertError(t, kw("order_id", "#W2611340", "payment_method_id", "gift_card_1725971"),
                "Error: non-pending order cannot be modified");
        assertError(t, kw("order_id", "#W8367380", "payment_method_id", "paypal_0"), "Error: payment method not found");
        assertError(t, kw("order_id", "#W8367380", "payment_method_id", "credit_card_5683823"),
                "Error: the new payment method should be different from the current one");
        assertError(t, kw("order_id", "#W8367380", "payment_method_id", "gift_card_1994993"),
                "Error: insufficient gift card balance to pay for the order");
        // "exactly one payment": needs a pending order with two entries, made by a first change.
        RetailEnvironment env = RetailEnvironment.create();
        env.call(t, kw("order_id", "#W6779827", "payment_method_id", "credit_card_9789590"));
        String before = env.stateHash();
        assertEquals("Error: there should be exactly one payment for a pending order",
                env.call(t, kw("order_id", "#W6779827", "payment_method_id", "gift_card_7219486")));
        assertEquals(before, env.stateHash());
    }

    @Test
    void modifyAddresses() {
        Map<String, Object> a = address("order_id", "#W0");
        assertError("modify_pending_order_address", a, "Error: order not found");
        assertError("modify_pending_order_address", address("order_id", "#W2611340"),
                "Error: non-pending order cannot be modified");
        assertError("modify_user_address", address("user_id", "nobody_1"), "Error: user not found");
    }

    @Test
    void returnDeliveredOrderItems() {
        String t = "return_delivered_order_items";
        assertError(t, kw("order_id", "#W0", "item_ids", List.of(), "payment_method_id", "x"), "Error: order not found");
        assertError(t, kw("order_id", "#W6779827", "item_ids", List.of(), "payment_method_id", "x"),
                "Error: non-delivered order cannot be returned");
        assertError(t, kw("order_id", "#W1840144", "item_ids", List.of("8590708195"), "payment_method_id", "gift_card_0"),
                "Error: payment method not found");
        assertError(t, kw("order_id", "#W1840144", "item_ids", List.of("8590708195"), "payment_method_id", "credit_card_3240550"),
                "Error: payment method should be either the original payment method or a gift card");
        assertError(t, kw("order_id", "#W1840144", "item_ids", List.of("8590708195", "8590708195", "8590708195"),
                "payment_method_id", "paypal_2306935"), "Error: some item not found");
    }

    @Test
    void readToolsAndConventions() {
        assertError("get_order_details", kw("order_id", "W1840144"), "Error: order not found");
        assertError("get_product_details", kw("product_id", "0"), "Error: product not found");
        assertError("get_user_details", kw("user_id", "x"), "Error: user not found");
        assertError("find_user_id_by_email", kw("email", "nobody@example.com"), "Error: user not found");
        assertError("find_user_id_by_name_zip", kw("first_name", "Ethan", "last_name", "Lopez", "zip", "00000"),
                "Error: user not found");
        assertError("calculate", kw("expression", "2 ^ 3"), "Error: invalid characters in expression");
        assertError("calculate", kw("expression", "1 / 0"), "Error: division by zero");
        assertError("no_such_tool", kw(), "Unknown action no_such_tool");
        assertError("cancel_pending_order", kw("order_id", "#W6779827"),
                "Error: CancelPendingOrder.invoke() missing 1 required positional argument: 'reason'");
        assertError("get_order_details", kw("order_id", "#W6779827", "x", 1),
                "Error: GetOrderDetails.invoke() got an unexpected keyword argument 'x'");
    }
}
