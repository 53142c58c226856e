package org.selfchallenge.agent;

import org.junit.jupiter.api.Test;
import org.selfchallenge.env.ToolSpec;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class ToolDocsTest {
    @Test
    void rendersPythonSignaturesAndParameterNotes() {
        ToolSpec t = new ToolSpec("return_items", "Return some items.\nOnly delivered orders.",
                "{\"type\":\"function\",\"function\":{\"name\":\"return_items\",\"parameters\":{\"type\":\"object\","
                        + "\"properties\":{\"order_id\":{\"type\":\"string\",\"description\":\"The order id.\"},"
                        + "\"item_ids\":{\"type\":\"array\",\"items\":{\"type\":\"string\"},\"description\":\"Items.\"},"
                        + "\"mode\":{\"type\":\"string\",\"enum\":[\"fast\",\"slow\"]},"
                        + "\"note\":{\"type\":\"string\"}},\"required\":[\"order_id\",\"item_ids\"]}}}",
                List.of("order_id", "item_ids", "mode", "note"), null, false);
        ToolSpec v = new ToolSpec("maximum_value", "Finds the maximum.", "{}", List.of(), "args", true);
        assertEquals("- return_items(order_id: str, item_ids: list, mode: str, note: str)\n"
                + "    Return some items.\n"
                + "    Only delivered orders.\n"
                + "    order_id (required): The order id.\n"
                + "    item_ids (required): Items. Items: {\"type\":\"string\"}\n"
                + "    mode: One of [\"fast\",\"slow\"].\n"
                + "- maximum_value(*args)\n"
                + "    Finds the maximum.\n", ToolDocs.render(List.of(t, v)));
    }
}
