package org.selfchallenge.pyval;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Python's {@code json.loads} / {@code json.dumps} (default arguments) on Java "Python values".
 *
 * <p>Parsing keeps the literal's type exactly, as CPython does: {@code 60} is an int ({@link Long},
 * {@link BigInteger} beyond 64 bits) and {@code 60.0} a float ({@link Double}); objects become
 * {@link LinkedHashMap} in document order (a repeated key keeps its first position and last value, like
 * {@code dict(pairs)}); arrays become {@link ArrayList}. {@code NaN}, {@code Infinity}, {@code -Infinity}
 * are accepted as Python accepts them.
 *
 * <p>Dumping matches {@code json.dumps(x)}: separators {@code ", "} and {@code ": "}, {@code ensure_ascii}
 * ({@code \\uXXXX} for everything outside printable ASCII, surrogate pairs above U+FFFF), floats written
 * with {@code repr} ({@link PyRepr#floatRepr}), {@link PyTuple} written as a list.
 */
public final class PyJson {
    private PyJson() {
    }

    /** Thrown for malformed JSON; the message names the position, like Python's JSONDecodeError. */
    public static final class ParseException extends IllegalArgumentException {
        public ParseException(String msg) {
            super(msg);
        }
    }

    public static Object parse(String text) {
        PyJsonParser p = new PyJsonParser(text);
        p.skipWs();
        Object v = p.value();
        p.skipWs();
        if (p.pos != text.length()) {
            throw p.error("Extra data");
        }
        return v;
    }

    /** Parses a JSON object; anything else is an error. */
    @SuppressWarnings("unchecked")
    public static LinkedHashMap<String, Object> parseObject(String text) {
        Object v = parse(text);
        if (!(v instanceof LinkedHashMap)) {
            throw new ParseException("expected a JSON object, got " + PyRepr.typeName(v));
        }
        return (LinkedHashMap<String, Object>) v;
    }

    // ------------------------------------------------------------------ dumps

    public static String dumps(Object v) {
        StringBuilder sb = new StringBuilder(256);
        dump(sb, v);
        return sb.toString();
    }

    public static void dump(StringBuilder sb, Object v) {
        if (v == null) {
            sb.append("null");
        } else if (v instanceof String) {
            quote(sb, (String) v);
        } else if (v instanceof Boolean) {
            sb.append(((Boolean) v) ? "true" : "false");
        } else if (v instanceof Double) {
            double d = (Double) v;
            if (Double.isNaN(d)) {
                sb.append("NaN");
            } else if (Double.isInfinite(d)) {
                sb.append(d > 0 ? "Infinity" : "-Infinity");
            } else {
                PyRepr.appendFloat(sb, d);
            }
        } else if (v instanceof Long || v instanceof BigInteger || v instanceof Integer) {
            sb.append(v.toString());
        } else if (v instanceof Map) {
            Map<?, ?> m = (Map<?, ?>) v;
            if (m.isEmpty()) {
                sb.append("{}");
                return;
            }
            sb.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> e : m.entrySet()) {
                if (!first) {
                    sb.append(", ");
                }
                first = false;
                dumpKey(sb, e.getKey());
                sb.append(": ");
                dump(sb, e.getValue());
            }
            sb.append('}');
        } else if (v instanceof List || v instanceof PyTuple) {
            List<?> l = v instanceof PyTuple ? ((PyTuple) v).items() : (List<?>) v;
            if (l.isEmpty()) {
                sb.append("[]");
                return;
            }
            sb.append('[');
            for (int i = 0; i < l.size(); i++) {
                if (i > 0) {
                    sb.append(", ");
                }
                dump(sb, l.get(i));
            }
            sb.append(']');
        } else {
            throw new IllegalArgumentException(
                    "Object of type " + PyRepr.typeName(v) + " is not JSON serializable");
        }
    }

    /** Python converts non-str keys: True→"true", None→"null", numbers via repr/str. */
    private static void dumpKey(StringBuilder sb, Object k) {
        if (k instanceof String) {
            quote(sb, (String) k);
        } else if (k == null || k instanceof Boolean || k instanceof Long || k instanceof BigInteger
                || k instanceof Integer) {
            StringBuilder tmp = new StringBuilder();
            dump(tmp, k);
            quote(sb, tmp.toString());
        } else if (k instanceof Double) {
            StringBuilder tmp = new StringBuilder();
            dump(tmp, k);
            quote(sb, tmp.toString());
        } else {
            throw new IllegalArgumentException(
                    "keys must be str, int, float, bool or None, not " + PyRepr.typeName(k));
        }
    }

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    /** {@code json.encoder.py_encode_basestring_ascii}. */
    public static void quote(StringBuilder sb, String s) {
        sb.append('"');
        int n = s.length();
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c >= ' ' && c <= '~' && c != '"' && c != '\\') {
                sb.append(c);
                continue;
            }
            switch (c) {
                case '"': sb.append("\\\""); break;
                case '\\': sb.append("\\\\"); break;
                case '\n': sb.append("\\n"); break;
                case '\r': sb.append("\\r"); break;
                case '\t': sb.append("\\t"); break;
                case '\b': sb.append("\\b"); break;
                case '\f': sb.append("\\f"); break;
                default:
                    // Java strings are UTF-16 already: astral characters are surrogate pairs, which is
                    // exactly what Python writes for them.
                    sb.append("\\u").append(HEX[(c >> 12) & 15]).append(HEX[(c >> 8) & 15])
                            .append(HEX[(c >> 4) & 15]).append(HEX[c & 15]);
            }
        }
        sb.append('"');
    }
}
