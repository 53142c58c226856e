package org.selfchallenge.perf;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Realistic valid Code-as-Tasks for the throughput bench, built from the real data: each has one
 * solution and three failure cases, tool calls by keyword and by position, dict lookups in
 * {@code evaluate()}, and — like model output — one failure case that makes a tool raise.
 * <ul>
 *   <li>retail return: return one item of a delivered order via its original payment method
 *       (failures: another payment method → ToolError; the other item; both items)</li>
 *   <li>retail cancel: cancel a pending order "no longer needed" (failures: other reason; another
 *       pending order; only looking it up)</li>
 *   <li>retail address: change a user's default address (failures: wrong zip; wrong address2;
 *       nothing but a lookup)</li>
 *   <li>calculation (answer-based): decode a hex message and reverse it, {@code submit_answer}
 *       (failures: not reversed; reversed hex; the length)</li>
 * </ul>
 */
public final class BenchTasks {
    private static final String RETAIL_DATA = "/org/selfchallenge/data/taubench/retail/";
    private static final String[] WORDS = {"hello world", "spark agents", "code as task", "self challenging",
        "retail order", "tool use", "verify me", "reward model", "seccomp jail", "fresh snapshot"};

    /** One generated task: environment name and raw text. */
    public record Task(String env, String kind, String text) {
    }

    private BenchTasks() {
    }

    private static JsonNode read(String file) {
        try (InputStream in = BenchTasks.class.getResourceAsStream(RETAIL_DATA + file)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + RETAIL_DATA + file);
            }
            return new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code n} tasks, 3/4 retail (the three templates in turn) and 1/4 calculation, deterministic in {@code seed}. */
    public static List<Task> generate(int n, long seed) {
        JsonNode orders = read("orders.json");
        JsonNode users = read("users.json");
        List<Task> returns = new ArrayList<>();
        List<Task> cancels = new ArrayList<>();
        List<Task> addresses = new ArrayList<>();
        List<String> pending = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = orders.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if ("pending".equals(e.getValue().path("status").asText())) {
                pending.add(e.getKey());
            }
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = orders.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode o = e.getValue();
            String id = e.getKey();
            JsonNode user = users.path(o.path("user_id").asText());
            if ("delivered".equals(o.path("status").asText())) {
                Task t = returnTask(id, o, user);
                if (t != null) {
                    returns.add(t);
                }
            } else if ("pending".equals(o.path("status").asText()) && pending.size() > 1) {
                String other = pending.get((pending.indexOf(id) + 1) % pending.size());
                cancels.add(cancelTask(id, other, user));
            }
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = users.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            addresses.add(addressTask(e.getKey(), e.getValue()));
        }
        Random rnd = new Random(seed);
        List<Task> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            switch (i % 4) {
                case 0 -> out.add(returns.get(rnd.nextInt(returns.size())));
                case 1 -> out.add(cancels.get(rnd.nextInt(cancels.size())));
                case 2 -> out.add(addresses.get(rnd.nextInt(addresses.size())));
                default -> out.add(calculationTask(rnd));
            }
        }
        return out;
    }

    private static String name(JsonNode user) {
        return user.path("name").path("first_name").asText() + " " + user.path("name").path("last_name").asText();
    }

    private static Task returnTask(String id, JsonNode o, JsonNode user) {
        String original = o.path("payment_history").path(0).path("payment_method_id").asText();
        if (original.isEmpty() || original.startsWith("gift_card")) {
            return null;
        }
        String other = null;
        for (Iterator<String> it = user.path("payment_methods").fieldNames(); it.hasNext(); ) {
            String pm = it.next();
            if (!pm.equals(original) && !pm.startsWith("gift_card")) {
                other = pm;
            }
        }
        String a = null;
        String b = null;
        String aName = null;
        for (JsonNode item : o.path("items")) {
            String iid = item.path("item_id").asText();
            if (a == null) {
                a = iid;
                aName = item.path("name").asText();
            } else if (!iid.equals(a) && b == null) {
                b = iid;
            }
        }
        if (other == null || b == null) {
            return null;
        }
        if (b.compareTo(a) > 0) { // return_items is sorted: the "both items" failure must list b first
            return null;
        }
        String eval = "def evaluate():\n"
                + "    success = True\n"
                + "    order = get_order_details(\"" + id + "\")\n"
                + "    success = success and order[\"return_items\"][0] == \"" + a + "\"\n"
                + "    success = success and order[\"return_payment_method_id\"] == \"" + original + "\"\n"
                + "    return success";
        String text = tagged("Your name is " + name(user) + " and your email is " + user.path("email").asText()
                        + ".\nFor " + id + ", return the " + aName + " via " + original + ".", eval,
                "return_delivered_order_items(order_id=\"" + id + "\", item_ids=[\"" + a + "\"], payment_method_id=\"" + original + "\")",
                "return_delivered_order_items(order_id=\"" + id + "\", item_ids=[\"" + a + "\"], payment_method_id=\"" + other + "\")",
                "return_delivered_order_items(\"" + id + "\", [\"" + b + "\"], \"" + original + "\")",
                "return_delivered_order_items(order_id=\"" + id + "\", item_ids=[\"" + a + "\", \"" + b + "\"], payment_method_id=\"" + original + "\")");
        return new Task("retail", "retail-return", text);
    }

    private static Task cancelTask(String id, String other, JsonNode user) {
        String eval = "def evaluate():\n"
                + "    order = get_order_details(\"" + id + "\")\n"
                + "    return order[\"status\"] == \"cancelled\" and order.get(\"cancel_reason\") == \"no longer needed\"";
        String text = tagged("You are " + name(user) + " (" + user.path("email").asText() + "). Cancel order " + id
                        + " because you no longer need it.", eval,
                "user_id = find_user_id_by_email(\"" + user.path("email").asText() + "\")\n"
                        + "order = get_order_details(\"" + id + "\")\n"
                        + "if order[\"status\"] == \"pending\":\n"
                        + "    cancel_pending_order(order_id=\"" + id + "\", reason=\"no longer needed\")",
                "cancel_pending_order(order_id=\"" + id + "\", reason=\"ordered by mistake\")",
                "cancel_pending_order(\"" + other + "\", \"no longer needed\")",
                "order = get_order_details(\"" + id + "\")\nprint(order[\"status\"])");
        return new Task("retail", "retail-cancel", text);
    }

    private static Task addressTask(String userId, JsonNode user) {
        JsonNode addr = user.path("address");
        String city = addr.path("city").asText();
        String state = addr.path("state").asText();
        String zip = addr.path("zip").asText();
        String wrongZip = zip.equals("10001") ? "10002" : "10001";
        String call = "modify_user_address(user_id=\"" + userId + "\", address1=\"101 Highland Road\", "
                + "address2=\"Suite 7\", city=\"" + city + "\", state=\"" + state + "\", country=\"USA\", zip=\"%s\")";
        String eval = "def evaluate():\n"
                + "    user = get_user_details(\"" + userId + "\")\n"
                + "    expected = {\"address1\": \"101 Highland Road\", \"address2\": \"Suite 7\", \"city\": \"" + city
                + "\", \"country\": \"USA\", \"state\": \"" + state + "\", \"zip\": \"" + zip + "\"}\n"
                + "    return user[\"address\"] == expected";
        String text = tagged("You are " + name(user) + ", zip code " + zip + ". Change your default address to "
                        + "101 Highland Road, Suite 7, " + city + ", " + state + ", USA, " + zip + ".", eval,
                "uid = find_user_id_by_name_zip(\"" + user.path("name").path("first_name").asText() + "\", \""
                        + user.path("name").path("last_name").asText() + "\", \"" + zip + "\")\n"
                        + String.format(call, zip).replace("user_id=\"" + userId + "\"", "user_id=uid"),
                String.format(call, wrongZip),
                String.format(call, zip).replace("Suite 7", "Suite 70"),
                "print(get_user_details(\"" + userId + "\")[\"address\"])");
        return new Task("retail", "retail-address", text);
    }

    private static Task calculationTask(Random rnd) {
        String word = WORDS[rnd.nextInt(WORDS.length)];
        StringBuilder hex = new StringBuilder();
        for (char c : word.toCharArray()) {
            hex.append(String.format("%02x", (int) c));
        }
        String reversed = new StringBuilder(word).reverse().toString();
        String eval = "def evaluate():\n    return final_answer() == \"" + reversed + "\"";
        String text = tagged("Decode the hex message " + hex + " to ASCII and reverse it.", eval,
                "text = convert_hex_to_ascii(\"" + hex + "\")\nsubmit_answer(reverse_string(text))",
                "submit_answer(convert_hex_to_ascii(hex_string=\"" + hex + "\"))",
                "submit_answer(reverse_string(\"" + hex + "\"))",
                "submit_answer(string_length(convert_hex_to_ascii(\"" + hex + "\")))");
        return new Task("calculation", "calculation-hex", text);
    }

    public static String tagged(String instruction, String eval, String solution, String... failures) {
        StringBuilder sb = new StringBuilder();
        sb.append("<instruction>\n").append(instruction).append("\n</instruction>\n");
        sb.append("<evaluation_function>\n").append(eval).append("\n</evaluation_function>\n");
        sb.append("<solution>\n").append(solution).append("\n</solution>\n");
        for (String f : failures) {
            sb.append("<failure_case>\n").append(f).append("\n</failure_case>\n");
        }
        return sb.toString();
    }
}
