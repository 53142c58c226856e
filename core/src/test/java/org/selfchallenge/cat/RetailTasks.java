package org.selfchallenge.cat;

/**
 * Retail task texts over the real τ-bench data: order #W1840144 of harper_brown_7363 (Harper Brown,
 * harper.brown3965@example.com) is delivered, was paid with paypal_2306935 and holds a Desk Lamp
 * (item 8384507844) and a Laptop (item 6017636844); the user also has credit_card_3240550.
 */
public final class RetailTasks {
    private RetailTasks() {
    }

    static final String INSTRUCTION = """
            Your name is Harper Brown and your email is harper.brown3965@example.com.
            For #W1840144, return the Desk Lamp via paypal_2306935.""";

    static final String EVALUATE = """
            def evaluate():
                success = True
                order = get_order_details("#W1840144")
                success = success and order["return_items"][0] == "8384507844"
                success = success and order["return_payment_method_id"] == "paypal_2306935"
                return success""";

    public static final String SOLUTION =
            "return_delivered_order_items(order_id=\"#W1840144\", item_ids=[\"8384507844\"], payment_method_id=\"paypal_2306935\")";

    /** Not the original payment method: the tool answers "Error: ..." (raises ToolError). */
    static final String WRONG_PAYMENT =
            "return_delivered_order_items(order_id=\"#W1840144\", item_ids=[\"8384507844\"], payment_method_id=\"credit_card_3240550\")";

    /** The laptop instead of the lamp (positional arguments). */
    public static final String WRONG_ITEM =
            "return_delivered_order_items(\"#W1840144\", [\"6017636844\"], \"paypal_2306935\")";

    /** Both items: return_items is sorted, so [0] is the laptop. */
    static final String BOTH_ITEMS =
            "return_delivered_order_items(order_id=\"#W1840144\", item_ids=[\"8384507844\", \"6017636844\"], payment_method_id=\"paypal_2306935\")";

    static String text(String instruction, String evaluate, String solution, String... failures) {
        StringBuilder sb = new StringBuilder();
        sb.append("<instruction>\n").append(instruction).append("\n</instruction>\n");
        sb.append("<evaluation_function>\n").append(evaluate).append("\n</evaluation_function>\n");
        sb.append("<solution>\n").append(solution).append("\n</solution>\n");
        for (String f : failures) {
            sb.append("<failure_case>\n").append(f).append("\n</failure_case>\n");
        }
        return sb.toString();
    }

    public static String valid() {
        return text(INSTRUCTION, EVALUATE, SOLUTION, WRONG_PAYMENT, WRONG_ITEM, BOTH_ITEMS);
    }

    public static String withSolution(String solution) {
        return text(INSTRUCTION, EVALUATE, solution, WRONG_PAYMENT, WRONG_ITEM, BOTH_ITEMS);
    }

    static String withEvaluate(String evaluate) {
        return text(INSTRUCTION, evaluate, SOLUTION, WRONG_PAYMENT, WRONG_ITEM, BOTH_ITEMS);
    }

    static String withFailure(String failure) {
        return text(INSTRUCTION, EVALUATE, SOLUTION, WRONG_PAYMENT, failure);
    }
}
