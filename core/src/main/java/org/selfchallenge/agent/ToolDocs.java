package org.selfchallenge.agent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.selfchallenge.env.ToolSpec;

import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Renders tool schemas as the Python functions the policy calls in its code:
 * <pre>
 * - get_order_details(order_id: str)
 *     Get the status and details of an order.
 *     order_id: The order id, such as '#W0000000'. (required)
 * </pre>
 */
public final class ToolDocs {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, String> PY_TYPES = Map.of("string", "str", "integer", "int", "number", "float",
            "boolean", "bool", "array", "list", "object", "dict");

    private ToolDocs() {
    }

    public static String render(List<ToolSpec> tools) {
        StringBuilder sb = new StringBuilder();
        for (ToolSpec t : tools) render(t, sb);
        return sb.toString();
    }

    private static void render(ToolSpec t, StringBuilder sb) {
        JsonNode params = parameters(t);
        JsonNode props = params.path("properties");
        List<String> required = new java.util.ArrayList<>();
        params.path("required").forEach(r -> required.add(r.asText()));
        sb.append("- ").append(t.name()).append('(');
        boolean first = true;
        for (String p : t.parameterNames()) {
            if (!first) sb.append(", ");
            first = false;
            sb.append(p);
            String ty = PY_TYPES.get(props.path(p).path("type").asText(""));
            if (ty != null) sb.append(": ").append(ty);
        }
        if (t.varargs() != null) sb.append(first ? "" : ", ").append('*').append(t.varargs());
        sb.append(")\n");
        if (t.description() != null && !t.description().isBlank()) {
            sb.append("    ").append(t.description().strip().replace("\n", "\n    ")).append('\n');
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = props.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String d = e.getValue().path("description").asText("").strip();
            JsonNode en = e.getValue().path("enum");
            JsonNode items = e.getValue().path("items");
            boolean richItems = items.isObject() && items.size() > 0;
            if (d.isEmpty() && !en.isArray() && !richItems) continue; // the signature already says it all
            List<String> notes = new java.util.ArrayList<>();
            if (!d.isEmpty()) notes.add(d);
            if (en.isArray()) notes.add("One of " + en + ".");
            if (richItems) notes.add("Items: " + items);
            sb.append("    ").append(e.getKey()).append(required.contains(e.getKey()) ? " (required)" : "")
                    .append(": ").append(String.join(" ", notes)).append('\n');
        }
    }

    private static JsonNode parameters(ToolSpec t) {
        try {
            JsonNode root = JSON.readTree(t.schemaJson() == null ? "{}" : t.schemaJson());
            JsonNode fn = root.has("function") ? root.get("function") : root;
            return fn.has("parameters") ? fn.get("parameters") : JSON.createObjectNode();
        } catch (Exception e) {
            return JSON.createObjectNode();
        }
    }
}
