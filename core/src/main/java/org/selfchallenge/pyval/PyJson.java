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
        Parser p = new Parser(text);
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

    private static final class Parser {
        final String s;
        int pos;

        Parser(String s) {
            this.s = s;
        }

        ParseException error(String what) {
            int line = 1;
            int col = 1;
            for (int i = 0; i < pos && i < s.length(); i++) {
                if (s.charAt(i) == '\n') {
                    line++;
                    col = 1;
                } else {
                    col++;
                }
            }
            return new ParseException(what + ": line " + line + " column " + col + " (char " + pos + ")");
        }

        void skipWs() {
            while (pos < s.length()) {
                char c = s.charAt(pos);
                if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
                    pos++;
                } else {
                    break;
                }
            }
        }

        Object value() {
            if (pos >= s.length()) {
                throw error("Expecting value");
            }
            char c = s.charAt(pos);
            switch (c) {
                case '{':
                    return object();
                case '[':
                    return array();
                case '"':
                    return string();
                case 't':
                    return literal("true", Boolean.TRUE);
                case 'f':
                    return literal("false", Boolean.FALSE);
                case 'n':
                    return literal("null", null);
                case 'N':
                    return literal("NaN", Double.NaN);
                case 'I':
                    return literal("Infinity", Double.POSITIVE_INFINITY);
                default:
                    if (c == '-' && s.startsWith("-Infinity", pos)) {
                        pos += 9;
                        return Double.NEGATIVE_INFINITY;
                    }
                    if (c == '-' || (c >= '0' && c <= '9')) {
                        return number();
                    }
                    throw error("Expecting value");
            }
        }

        Object literal(String word, Object v) {
            if (!s.startsWith(word, pos)) {
                throw error("Expecting value");
            }
            pos += word.length();
            return v;
        }

        Object number() {
            int start = pos;
            if (s.charAt(pos) == '-') {
                pos++;
            }
            if (pos >= s.length() || !isDigit(s.charAt(pos))) {
                pos = start;
                throw error("Expecting value");
            }
            if (s.charAt(pos) == '0') {
                pos++;
            } else {
                while (pos < s.length() && isDigit(s.charAt(pos))) {
                    pos++;
                }
            }
            boolean isFloat = false;
            if (pos + 1 < s.length() && s.charAt(pos) == '.' && isDigit(s.charAt(pos + 1))) {
                isFloat = true;
                pos++;
                while (pos < s.length() && isDigit(s.charAt(pos))) {
                    pos++;
                }
            }
            if (pos < s.length() && (s.charAt(pos) == 'e' || s.charAt(pos) == 'E')) {
                int save = pos;
                pos++;
                if (pos < s.length() && (s.charAt(pos) == '+' || s.charAt(pos) == '-')) {
                    pos++;
                }
                if (pos < s.length() && isDigit(s.charAt(pos))) {
                    isFloat = true;
                    while (pos < s.length() && isDigit(s.charAt(pos))) {
                        pos++;
                    }
                } else {
                    pos = save; // Python's scanner stops before a bare 'e'
                }
            }
            String lit = s.substring(start, pos);
            if (isFloat) {
                return Double.parseDouble(lit);
            }
            if (lit.length() <= 18) {
                return Long.parseLong(lit);
            }
            return PyMath.normalize(new BigInteger(lit));
        }

        static boolean isDigit(char c) {
            return c >= '0' && c <= '9';
        }

        String string() {
            pos++; // opening quote
            StringBuilder sb = null;
            int runStart = pos;
            while (true) {
                if (pos >= s.length()) {
                    throw error("Unterminated string starting at");
                }
                char c = s.charAt(pos);
                if (c == '"') {
                    String out = sb == null ? s.substring(runStart, pos)
                            : sb.append(s, runStart, pos).toString();
                    pos++;
                    return out;
                }
                if (c == '\\') {
                    if (sb == null) {
                        sb = new StringBuilder();
                    }
                    sb.append(s, runStart, pos);
                    pos++;
                    if (pos >= s.length()) {
                        throw error("Unterminated string starting at");
                    }
                    char e = s.charAt(pos++);
                    switch (e) {
                        case '"': sb.append('"'); break;
                        case '\\': sb.append('\\'); break;
                        case '/': sb.append('/'); break;
                        case 'b': sb.append('\b'); break;
                        case 'f': sb.append('\f'); break;
                        case 'n': sb.append('\n'); break;
                        case 'r': sb.append('\r'); break;
                        case 't': sb.append('\t'); break;
                        case 'u':
                            if (pos + 4 > s.length()) {
                                throw error("Invalid \\uXXXX escape");
                            }
                            try {
                                sb.append((char) Integer.parseInt(s.substring(pos, pos + 4), 16));
                            } catch (NumberFormatException ex) {
                                throw error("Invalid \\uXXXX escape");
                            }
                            pos += 4;
                            break;
                        default:
                            pos -= 2;
                            throw error("Invalid \\escape");
                    }
                    runStart = pos;
                } else if (c < 0x20) {
                    throw error("Invalid control character at");
                } else {
                    pos++;
                }
            }
        }

        List<Object> array() {
            pos++;
            ArrayList<Object> out = new ArrayList<>();
            skipWs();
            if (pos < s.length() && s.charAt(pos) == ']') {
                pos++;
                return out;
            }
            while (true) {
                skipWs();
                out.add(value());
                skipWs();
                if (pos >= s.length()) {
                    throw error("Expecting ',' delimiter");
                }
                char c = s.charAt(pos++);
                if (c == ']') {
                    return out;
                }
                if (c != ',') {
                    pos--;
                    throw error("Expecting ',' delimiter");
                }
            }
        }

        Map<String, Object> object() {
            pos++;
            LinkedHashMap<String, Object> out = new LinkedHashMap<>();
            skipWs();
            if (pos < s.length() && s.charAt(pos) == '}') {
                pos++;
                return out;
            }
            while (true) {
                skipWs();
                if (pos >= s.length() || s.charAt(pos) != '"') {
                    throw error("Expecting property name enclosed in double quotes");
                }
                String key = string();
                skipWs();
                if (pos >= s.length() || s.charAt(pos) != ':') {
                    throw error("Expecting ':' delimiter");
                }
                pos++;
                skipWs();
                out.put(key, value());
                skipWs();
                if (pos >= s.length()) {
                    throw error("Expecting ',' delimiter");
                }
                char c = s.charAt(pos++);
                if (c == '}') {
                    return out;
                }
                if (c != ',') {
                    pos--;
                    throw error("Expecting ',' delimiter");
                }
            }
        }
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
