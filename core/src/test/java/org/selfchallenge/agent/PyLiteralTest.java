package org.selfchallenge.agent;

import org.junit.jupiter.api.Test;
import org.selfchallenge.pyval.PyTuple;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

class PyLiteralTest {
    @Test
    void keepsPythonTypesApart() {
        assertEquals("250", PyLiteral.of(250L));
        assertEquals("250.0", PyLiteral.of(250.0));
        assertEquals("True", PyLiteral.of(true));
        assertEquals("None", PyLiteral.of(null));
        assertEquals("(1,)", PyLiteral.of(PyTuple.of(1L)));
        assertEquals("\"it's \\\"x\\\"\\n\\xa0\\u200b\"", PyLiteral.of("it's \"x\"\n\u00a0\u200b"));
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("b", List.of(1L, 2.5));
        d.put("a", Map.of());
        assertEquals("{\"b\": [1, 2.5], \"a\": {}}", PyLiteral.of(d));
    }

    @Test
    void rendersKeywordCalls() {
        Map<String, Object> kw = new LinkedHashMap<>();
        kw.put("order_id", "#W2378156");
        kw.put("item_ids", List.of("1151293680"));
        assertEquals("get(order_id=\"#W2378156\", item_ids=[\"1151293680\"])", PyLiteral.call("get", kw));
    }
}
