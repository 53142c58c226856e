package org.selfchallenge.pyval.expr;

import java.io.ByteArrayOutputStream;

import org.selfchallenge.pyval.PyException;

/**
 * Escape decoding of Python string and bytes literals (the body between the quotes of a non-raw
 * literal): {@code \\n \\t \\xhh \\ooo \\uXXXX \\UXXXXXXXX \\N{name}} and a backslash-newline; unknown
 * escapes are kept verbatim; bytes have no {@code \\u \\U \\N}.
 */
final class PyStringLiterals {
    private PyStringLiterals() {
    }

    static String unescape(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c != '\\') {
                b.append(c);
                continue;
            }
            char e = s.charAt(++i);
            switch (e) {
                case '\n' -> { }
                case '\\', '\'', '"' -> b.append(e);
                case 'a' -> b.append('\u0007');
                case 'b' -> b.append('\b');
                case 'f' -> b.append('\f');
                case 'n' -> b.append('\n');
                case 'r' -> b.append('\r');
                case 't' -> b.append('\t');
                case 'v' -> b.append('\u000b');
                case 'x', 'u', 'U' -> {
                    int len = e == 'x' ? 2 : e == 'u' ? 4 : 8;
                    int cp = hex(s, i + 1, len, e);
                    if (cp > 0x10FFFF) {
                        throw new PyException("SyntaxError", "(unicode error) illegal Unicode character");
                    }
                    b.appendCodePoint(cp);
                    i += len;
                }
                case 'N' -> {
                    int end = s.indexOf('}', i);
                    if (i + 1 >= s.length() || s.charAt(i + 1) != '{' || end < 0) {
                        throw new PyException("SyntaxError", "(unicode error) malformed \\N character escape");
                    }
                    try {
                        b.appendCodePoint(Character.codePointOf(s.substring(i + 2, end)));
                    } catch (IllegalArgumentException ex) {
                        throw new PyException("SyntaxError", "(unicode error) unknown Unicode character name");
                    }
                    i = end;
                }
                default -> {
                    if (e >= '0' && e <= '7') {
                        int v = 0;
                        int k = i;
                        while (k < s.length() && k < i + 3 && s.charAt(k) >= '0' && s.charAt(k) <= '7') {
                            v = v * 8 + (s.charAt(k) - '0');
                            k++;
                        }
                        b.appendCodePoint(v);
                        i = k - 1;
                    } else {
                        b.append('\\').append(e); // unknown escapes are kept verbatim
                    }
                }
            }
        }
        return b.toString();
    }

    static byte[] unescapeBytes(String s) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c != '\\') {
                b.write(c);
                continue;
            }
            char e = s.charAt(++i);
            switch (e) {
                case '\n' -> { }
                case '\\', '\'', '"' -> b.write(e);
                case 'a' -> b.write(7);
                case 'b' -> b.write(8);
                case 'f' -> b.write(12);
                case 'n' -> b.write(10);
                case 'r' -> b.write(13);
                case 't' -> b.write(9);
                case 'v' -> b.write(11);
                case 'x' -> {
                    b.write(hex(s, i + 1, 2, 'x'));
                    i += 2;
                }
                default -> {
                    if (e >= '0' && e <= '7') {
                        int v = 0;
                        int k = i;
                        while (k < s.length() && k < i + 3 && s.charAt(k) >= '0' && s.charAt(k) <= '7') {
                            v = v * 8 + (s.charAt(k) - '0');
                            k++;
                        }
                        b.write(v & 0xFF);
                        i = k - 1;
                    } else {
                        b.write('\\');
                        b.write(e);
                    }
                }
            }
        }
        return b.toByteArray();
    }

    private static int hex(String s, int from, int len, char kind) {
        if (from + len > s.length()) {
            throw new PyException("SyntaxError", "(unicode error) truncated \\" + kind + " escape");
        }
        int v = 0;
        for (int k = from; k < from + len; k++) {
            int d = Character.digit(s.charAt(k), 16);
            if (d < 0 || s.charAt(k) > 127) {
                throw new PyException("SyntaxError", "(unicode error) truncated \\" + kind + " escape");
            }
            v = v * 16 + d;
        }
        return v;
    }
}
