package org.selfchallenge.sandbox;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.selfchallenge.env.ToolSpec;

/**
 * The {@code tools} request for one tool list: names, positional parameter order
 * ({@link ToolSpec#parameterNames()}), varargs name and the schema's {@code required} list (so a
 * missing argument raises {@code TypeError} in Python, as calling the upstream function would).
 * Built once per distinct tool list and cached; the instance doubles as the worker's "tools already
 * bound" key.
 */
final class ToolsMessage {
    private static final Map<List<ToolSpec>, ToolsMessage> CACHE = new ConcurrentHashMap<>();

    private final List<ToolSpec> tools;
    private final List<List<String>> required;

    private ToolsMessage(List<ToolSpec> tools) {
        this.tools = List.copyOf(tools);
        List<List<String>> req = new ArrayList<>();
        for (ToolSpec t : tools) {
            req.add(requiredOf(t));
        }
        this.required = req;
    }

    static ToolsMessage of(List<ToolSpec> tools) {
        ToolsMessage m = CACHE.get(tools);
        if (m == null) {
            m = new ToolsMessage(tools);
            CACHE.putIfAbsent(m.tools, m);
        }
        return m;
    }

    private static List<String> requiredOf(ToolSpec t) {
        List<String> out = new ArrayList<>();
        if (t.schemaJson() == null || t.schemaJson().isBlank()) {
            return out;
        }
        try {
            JsonNode root = WireValues.MAPPER.readTree(t.schemaJson());
            JsonNode params = root.path("function").path("parameters");
            if (params.isMissingNode()) {
                params = root.path("parameters");
            }
            for (JsonNode r : params.path("required")) {
                if (t.parameterNames().contains(r.asText())) {
                    out.add(r.asText());
                }
            }
        } catch (IOException e) {
            // an unparsable schema just means no required-argument check in Python
        }
        return out;
    }

    void write(JsonGenerator g) throws IOException {
        g.writeStartObject();
        g.writeStringField("op", "tools");
        g.writeArrayFieldStart("tools");
        for (int i = 0; i < tools.size(); i++) {
            ToolSpec t = tools.get(i);
            g.writeStartObject();
            g.writeStringField("name", t.name());
            g.writeArrayFieldStart("params");
            for (String p : t.parameterNames()) {
                g.writeString(p);
            }
            g.writeEndArray();
            if (t.varargs() != null) {
                g.writeStringField("varargs", t.varargs());
            }
            g.writeArrayFieldStart("required");
            for (String r : required.get(i)) {
                g.writeString(r);
            }
            g.writeEndArray();
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
    }
}
