package org.selfchallenge.policy.tokenizer;

import java.util.Collection;
import java.util.Map;

/**
 * Python's {@code json.dumps(x, ensure_ascii=False, indent=indent)} for the values chat templates pass to
 * {@code tojson}: separators ", " and ": " (or "," and newline+indent when indenting), strings escaped like
 * Python (\" \\ \n \r \t \b \f and \\u00XX for other control characters). Tool observations use core's
 * {@link org.selfchallenge.pyval.PyJson} instead: {@code json.dumps} with its defaults ({@code ensure_ascii}).
 */
final class TemplateJson {
    private TemplateJson() {
    }

    static String dumps(Object x, Integer indent) {
        StringBuilder sb = new StringBuilder();
        write(sb, x, indent, 0);
        return sb.toString();
    }

    private static void newline(StringBuilder sb, Integer indent, int level) {
        sb.append('\n');
        sb.append(" ".repeat(indent * level));
    }

    private static void write(StringBuilder sb, Object x, Integer indent, int level) {
        if (x == null) {
            sb.append("null");
        } else if (x instanceof Boolean b) {
            sb.append(b ? "true" : "false");
        } else if (x instanceof Double || x instanceof Float) {
            double d = ((Number) x).doubleValue();
            if (Double.isNaN(d)) {
                sb.append("NaN");
            } else if (Double.isInfinite(d)) {
                sb.append(d > 0 ? "Infinity" : "-Infinity");
            } else if (d == Math.rint(d) && Math.abs(d) < 1e16) {
                sb.append((long) d).append(".0");
            } else {
                sb.append(d);
            }
        } else if (x instanceof Number n) {
            sb.append(n);
        } else if (x instanceof Map<?, ?> m) {
            if (m.isEmpty()) {
                sb.append("{}");
                return;
            }
            sb.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> e : m.entrySet()) {
                if (!first) {
                    sb.append(indent == null ? ", " : ",");
                }
                first = false;
                if (indent != null) {
                    newline(sb, indent, level + 1);
                }
                string(sb, String.valueOf(e.getKey()));
                sb.append(": ");
                write(sb, e.getValue(), indent, level + 1);
            }
            if (indent != null) {
                newline(sb, indent, level);
            }
            sb.append('}');
        } else if (x instanceof Collection<?> c) {
            if (c.isEmpty()) {
                sb.append("[]");
                return;
            }
            sb.append('[');
            boolean first = true;
            for (Object o : c) {
                if (!first) {
                    sb.append(indent == null ? ", " : ",");
                }
                first = false;
                if (indent != null) {
                    newline(sb, indent, level + 1);
                }
                write(sb, o, indent, level + 1);
            }
            if (indent != null) {
                newline(sb, indent, level);
            }
            sb.append(']');
        } else {
            string(sb, x.toString());
        }
    }

    private static void string(StringBuilder sb, String s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                case '\b' -> sb.append("\\b");
                case '\f' -> sb.append("\\f");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        sb.append('"');
    }
}
