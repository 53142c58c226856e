package org.selfchallenge.pyval;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Recursive-descent JSON reader behind {@link PyJson#parse}: Python's {@code json} scanner rules. */
final class PyJsonParser {
    /**
     * Python's json nests as deep as the recursion limit (1000) allows, less its caller's frames (994 at
     * top level); deeper input is its RecursionError here, never the JVM's StackOverflowError.
     */
    static final int MAX_DEPTH = 990;

    final String s;
    int pos;
    private int depth;

    PyJsonParser(String s) {
        this.s = s;
    }

    PyJson.ParseException error(String what) {
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
        return new PyJson.ParseException(what + ": line " + line + " column " + col + " (char " + pos + ")");
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
            case '[':
                if (++depth > MAX_DEPTH) {
                    throw new PyException("RecursionError", "maximum recursion depth exceeded while decoding a JSON "
                            + (c == '{' ? "object" : "array") + " from a unicode string");
                }
                try {
                    return c == '{' ? object() : array();
                } finally {
                    depth--;
                }
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
