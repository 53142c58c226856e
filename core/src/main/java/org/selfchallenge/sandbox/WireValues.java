package org.selfchallenge.sandbox;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.selfchallenge.pyval.PyTuple;

/**
 * Python values (see {@code org.selfchallenge.env.Environment}) on the JSON-lines wire to the worker.
 * JSON has no tuple, so a tuple travels as the one-key object {@code {"\u0000t": [items]}}; floats
 * keep their decimal point ({@code 1.0}) so int and float never mix up; NaN/Infinity are written bare
 * as Python's {@code json} does; all non-ASCII is escaped so lone surrogates survive both ways.
 */
public final class WireValues {
    /** Key of the one-entry object that encodes a Python tuple (NUL cannot clash with model text keys). */
    public static final String TUPLE_KEY = "\u0000t";

    static final JsonFactory FACTORY = JsonFactory.builder()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .disable(JsonWriteFeature.WRITE_NAN_AS_STRINGS)
            .enable(JsonWriteFeature.ESCAPE_NON_ASCII)
            .build();
    static final ObjectMapper MAPPER = JsonMapper.builder(FACTORY).build();

    private WireValues() {
    }

    /** Writes a Python value. Unknown Java types are written as their {@code toString()}. */
    public static void write(JsonGenerator g, Object v) throws IOException {
        if (v == null) {
            g.writeNull();
        } else if (v instanceof String s) {
            g.writeString(s);
        } else if (v instanceof Boolean b) {
            g.writeBoolean(b);
        } else if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) {
            g.writeNumber(((Number) v).longValue());
        } else if (v instanceof Double d) {
            writeDouble(g, d);
        } else if (v instanceof Float f) {
            writeDouble(g, f.doubleValue());
        } else if (v instanceof BigInteger bi) {
            g.writeNumber(bi);
        } else if (v instanceof PyTuple t) {
            g.writeStartObject();
            g.writeFieldName(TUPLE_KEY);
            writeList(g, t.items());
            g.writeEndObject();
        } else if (v instanceof List<?> l) {
            writeList(g, l);
        } else if (v instanceof Map<?, ?> m) {
            g.writeStartObject();
            for (Map.Entry<?, ?> e : m.entrySet()) {
                g.writeFieldName(String.valueOf(e.getKey()));
                write(g, e.getValue());
            }
            g.writeEndObject();
        } else {
            g.writeString(v.toString());
        }
    }

    private static void writeDouble(JsonGenerator g, double d) throws IOException {
        if (Double.isNaN(d)) {
            g.writeRawValue("NaN");
        } else if (Double.isInfinite(d)) {
            g.writeRawValue(d > 0 ? "Infinity" : "-Infinity");
        } else {
            g.writeNumber(d);
        }
    }

    private static void writeList(JsonGenerator g, List<?> l) throws IOException {
        g.writeStartArray();
        for (Object o : l) {
            write(g, o);
        }
        g.writeEndArray();
    }

    /** JSON tree → Python value in Java clothing. */
    public static Object read(JsonNode n) {
        if (n == null || n.isNull() || n.isMissingNode()) {
            return null;
        }
        if (n.isTextual()) {
            return n.textValue();
        }
        if (n.isBoolean()) {
            return n.booleanValue();
        }
        if (n.isIntegralNumber()) {
            return n.canConvertToLong() ? (Object) n.longValue() : n.bigIntegerValue();
        }
        if (n.isNumber()) {
            return n.doubleValue();
        }
        if (n.isArray()) {
            List<Object> out = new ArrayList<>(n.size());
            for (JsonNode c : n) {
                out.add(read(c));
            }
            return out;
        }
        if (n.size() == 1 && n.has(TUPLE_KEY)) {
            return new PyTuple((List<Object>) read(n.get(TUPLE_KEY)));
        }
        Map<String, Object> out = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            out.put(e.getKey(), read(e.getValue()));
        }
        return out;
    }

    /** Decodes a JSON text (as the worker writes it) into a Python value; null text → null. */
    public static Object readText(String json) {
        if (json == null) {
            return null;
        }
        try {
            return read(MAPPER.readTree(json));
        } catch (IOException e) {
            throw new IllegalArgumentException("not a wire value: " + e.getMessage(), e);
        }
    }

    /** Encodes a Python value as JSON text in the wire format. */
    public static String toText(Object v) {
        java.io.StringWriter w = new java.io.StringWriter();
        try (JsonGenerator g = FACTORY.createGenerator(w)) {
            write(g, v);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return w.toString();
    }
}
