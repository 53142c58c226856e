package org.selfchallenge.agent;

import org.selfchallenge.pyval.PyTuple;

import java.math.BigInteger;
import java.util.List;
import java.util.Map;

/**
 * Writes a Python value (Java clothing, see {@link org.selfchallenge.env.Environment}) as Python source
 * that evaluates back to an equal value of the same type: ints stay ints and floats stay floats
 * ({@code 250} vs {@code 250.0}), which τ-bench's state hash tells apart.
 */
public final class PyLiteral {
    private PyLiteral() {
    }

    public static String of(Object v) {
        StringBuilder sb = new StringBuilder();
        write(v, sb);
        return sb.toString();
    }

    /** {@code name(k1=v1, k2=v2)} in the map's order. */
    public static String call(String name, Map<String, Object> kwargs) {
        StringBuilder sb = new StringBuilder(name).append('(');
        boolean first = true;
        for (Map.Entry<String, Object> e : kwargs.entrySet()) {
            if (!first) sb.append(", ");
            first = false;
            sb.append(e.getKey()).append('=');
            write(e.getValue(), sb);
        }
        return sb.append(')').toString();
    }

    private static void write(Object v, StringBuilder sb) {
        if (v == null) {
            sb.append("None");
        } else if (v instanceof Boolean b) {
            sb.append(b ? "True" : "False");
        } else if (v instanceof Long || v instanceof Integer || v instanceof BigInteger || v instanceof Short) {
            sb.append(v);
        } else if (v instanceof Double || v instanceof Float) {
            double d = ((Number) v).doubleValue();
            if (Double.isNaN(d)) sb.append("float('nan')");
            else if (Double.isInfinite(d)) sb.append(d > 0 ? "float('inf')" : "float('-inf')");
            else sb.append(Double.toString(d)); // round-trips exactly; Python accepts the 1.0E10 form
        } else if (v instanceof String s) {
            string(s, sb);
        } else if (v instanceof PyTuple t) {
            sb.append('(');
            for (int i = 0; i < t.items().size(); i++) {
                if (i > 0) sb.append(", ");
                write(t.items().get(i), sb);
            }
            sb.append(t.items().size() == 1 ? ",)" : ")");
        } else if (v instanceof List<?> l) {
            sb.append('[');
            for (int i = 0; i < l.size(); i++) {
                if (i > 0) sb.append(", ");
                write(l.get(i), sb);
            }
            sb.append(']');
        } else if (v instanceof Map<?, ?> m) {
            sb.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> e : m.entrySet()) {
                if (!first) sb.append(", ");
                first = false;
                write(e.getKey(), sb);
                sb.append(": ");
                write(e.getValue(), sb);
            }
            sb.append('}');
        } else {
            throw new IllegalArgumentException("not a Python value: " + v.getClass().getName());
        }
    }

    /** A double-quoted literal with every non-ASCII or control character escaped, so the source is plain ASCII. */
    private static void string(String s, StringBuilder sb) {
        sb.append('"');
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            i += Character.charCount(cp);
            switch (cp) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (cp >= 0x20 && cp < 0x7f) sb.append((char) cp);
                    else if (cp <= 0xff) sb.append(String.format("\\x%02x", cp));
                    else if (cp <= 0xffff) sb.append(String.format("\\u%04x", cp));
                    else sb.append(String.format("\\U%08x", cp));
                }
            }
        }
        sb.append('"');
    }
}
