package org.selfchallenge.cat;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import org.selfchallenge.pyval.PyTuple;
import org.selfchallenge.sandbox.ToolCall;

/**
 * The verifier's decision on one task.
 *
 * @param valid      true iff {@code reason == VALID}
 * @param reason     the first check that failed (or VALID)
 * @param detail     human-readable specifics (which case, the error text)
 * @param task       the parsed task, or null on PARSE_ERROR
 * @param runs       every run made, in order
 * @param totalNanos wall time of the whole verification, parsing included
 */
public record Verdict(boolean valid, Reason reason, String detail, CodeAsTask task, List<RunReport> runs,
                      long totalNanos) {
    private static final JsonFactory JSON = new JsonFactory();

    public Verdict {
        runs = List.copyOf(runs);
    }

    /** One JSON object: {@code {"id"?, "valid", "reason", "detail", "runs": [...], "total_ms"}}. */
    public String toJson(String id) {
        StringWriter w = new StringWriter();
        try (JsonGenerator g = JSON.createGenerator(w)) {
            g.writeStartObject();
            if (id != null) {
                g.writeStringField("id", id);
            }
            g.writeBooleanField("valid", valid);
            g.writeStringField("reason", reason.name());
            g.writeStringField("detail", detail);
            g.writeArrayFieldStart("runs");
            for (RunReport r : runs) {
                g.writeStartObject();
                g.writeStringField("kind", r.kind());
                g.writeNumberField("case", r.caseIndex());
                g.writeStringField("status", r.status().name());
                if (r.result() != null) {
                    g.writeStringField("result", r.result());
                }
                g.writeArrayFieldStart("tool_calls");
                for (ToolCall c : r.toolCalls()) {
                    g.writeStartObject();
                    g.writeStringField("name", c.name());
                    g.writeFieldName("args");
                    writePlain(g, c.args());
                    if (c.error() != null) {
                        g.writeStringField("error", c.error());
                    }
                    g.writeEndObject();
                }
                g.writeEndArray();
                if (!r.stdout().isEmpty()) {
                    g.writeStringField("stdout", r.stdout());
                }
                if (r.error() != null) {
                    g.writeStringField("error", r.error());
                }
                g.writeNumberField("ms", r.nanos() / 1e6);
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeNumberField("total_ms", totalNanos / 1e6);
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return w.toString();
    }

    public String toJson() {
        return toJson(null);
    }

    /** Python values as plain JSON (tuples as arrays, non-finite floats as strings). */
    private static void writePlain(JsonGenerator g, Object v) throws IOException {
        if (v == null) {
            g.writeNull();
        } else if (v instanceof Map<?, ?> m) {
            g.writeStartObject();
            for (Map.Entry<?, ?> e : m.entrySet()) {
                g.writeFieldName(String.valueOf(e.getKey()));
                writePlain(g, e.getValue());
            }
            g.writeEndObject();
        } else if (v instanceof List<?> || v instanceof PyTuple) {
            List<?> l = v instanceof PyTuple t ? t.items() : (List<?>) v;
            g.writeStartArray();
            for (Object o : l) {
                writePlain(g, o);
            }
            g.writeEndArray();
        } else if (v instanceof Boolean b) {
            g.writeBoolean(b);
        } else if (v instanceof Double d && Double.isFinite(d)) {
            g.writeNumber(d);
        } else if (v instanceof Long || v instanceof Integer || v instanceof java.math.BigInteger) {
            g.writeNumber(v.toString());
        } else {
            g.writeString(String.valueOf(v));
        }
    }
}
