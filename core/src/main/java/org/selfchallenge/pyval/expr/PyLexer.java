package org.selfchallenge.pyval.expr;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

import org.selfchallenge.pyval.PyException;

/**
 * Tokenizer for one Python expression source, as CPython's tokenizer sees {@code eval}/{@code
 * ast.parse(mode='eval')} input: numbers (with underscores, hex/octal/binary, imaginary), string and
 * bytes literals with every prefix and escape, names, operators, comments, bracket-implicit line
 * joining, backslash continuation, and the "unexpected indent" rule for later lines.
 */
final class PyLexer {
    enum Kind { NUM, STR, NAME, OP, NEWLINE, END }

    /** {@code value}: the literal for NUM/STR (String, or PyBytes; FSTRING marks an f-string). */
    record Tok(Kind kind, String text, Object value, boolean fstring) {
    }

    /** CPython's tokenizer limit on bracket nesting. */
    static final int MAX_BRACKET_DEPTH = 200;
    /** Hex/octal/binary literals longer than this are refused (their str() would exceed 4300 digits). */
    static final int MAX_NON_DECIMAL_DIGITS = 20_000;
    private static final String[] OPS = {"...", "**", "//", "<<", ">>", "<=", ">=", "==", "!=", "->", ":=",
        "+", "-", "*", "/", "%", "@", "&", "|", "^", "~", "<", ">", "(", ")", "[", "]", "{", "}", ",", ":",
        ".", ";", "="};

    private final String src;
    private int pos;
    private int depth;
    private final List<Tok> out = new ArrayList<>();

    private PyLexer(String src) {
        this.src = src.replace("\r\n", "\n").replace('\r', '\n');
    }

    static List<Tok> tokenize(String source) {
        if (source.indexOf('\0') >= 0) {
            throw new PyException("ValueError", "source code string cannot contain null bytes");
        }
        PyLexer l = new PyLexer(source);
        l.run();
        return l.out;
    }

    private void run() {
        boolean lineStart = true;
        while (true) {
            if (lineStart && depth == 0) {
                // CPython's indentation scan: a form feed resets the column, a backslash continuation
                // carries the count over to the next physical line; any indent is an error in eval input.
                int p = pos;
                int col = 0;
                while (p < src.length()) {
                    char c = src.charAt(p);
                    if (c == ' ' || c == '\t') {
                        col++;
                        p++;
                    } else if (c == '\f') {
                        col = 0;
                        p++;
                    } else if (c == '\\' && p + 1 < src.length() && src.charAt(p + 1) == '\n') {
                        p += 2;
                        if (p >= src.length()) {
                            throw new PyException("SyntaxError", "unexpected EOF while parsing");
                        }
                    } else {
                        break;
                    }
                }
                boolean blank = p >= src.length() || src.charAt(p) == '\n' || src.charAt(p) == '#';
                if (!blank && col > 0) {
                    throw new PyException("SyntaxError", "unexpected indent");
                }
                pos = p;
                lineStart = false;
            }
            if (pos >= src.length()) {
                break;
            }
            char c = src.charAt(pos);
            if (c == ' ' || c == '\t' || c == '\f') {
                pos++;
            } else if (c == '#') {
                while (pos < src.length() && src.charAt(pos) != '\n') {
                    pos++;
                }
            } else if (c == '\n') {
                pos++;
                if (depth == 0) {
                    if (!out.isEmpty() && out.get(out.size() - 1).kind() != Kind.NEWLINE) {
                        out.add(new Tok(Kind.NEWLINE, "\n", null, false));
                    }
                    lineStart = true;
                }
            } else if (c == '\\') {
                if (pos + 1 < src.length() && src.charAt(pos + 1) == '\n') {
                    pos += 2;
                    if (pos >= src.length()) { // a continuation straight into EOF
                        throw new PyException("SyntaxError", "unexpected EOF while parsing");
                    }
                } else if (pos + 1 >= src.length()) {
                    throw new PyException("SyntaxError", "unexpected EOF while parsing");
                } else {
                    throw new PyException("SyntaxError", "unexpected character after line continuation character");
                }
            } else if (isDigit(c) || (c == '.' && pos + 1 < src.length() && isDigit(src.charAt(pos + 1)))) {
                number();
            } else if (startsString()) {
                string();
            } else if (Character.isUnicodeIdentifierStart(src.codePointAt(pos)) || c == '_') {
                int s = pos;
                pos += Character.charCount(src.codePointAt(pos));
                while (pos < src.length() && (Character.isUnicodeIdentifierPart(src.codePointAt(pos)) && !Character.isIdentifierIgnorable(src.codePointAt(pos)))) {
                    pos += Character.charCount(src.codePointAt(pos));
                }
                out.add(new Tok(Kind.NAME, src.substring(s, pos), null, false));
            } else {
                op();
            }
        }
        if (depth > 0) {
            throw new PyException("SyntaxError", "unexpected EOF while parsing");
        }
        if (!out.isEmpty() && out.get(out.size() - 1).kind() != Kind.NEWLINE) {
            out.add(new Tok(Kind.NEWLINE, "", null, false));
        }
        out.add(new Tok(Kind.END, "", null, false));
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private void op() {
        for (String o : OPS) {
            if (src.startsWith(o, pos)) {
                pos += o.length();
                switch (o) {
                    case "(", "[", "{" -> {
                        if (++depth > MAX_BRACKET_DEPTH) {
                            throw new PyException("SyntaxError", "too many nested parentheses");
                        }
                    }
                    case ")", "]", "}" -> {
                        if (--depth < 0) {
                            throw new PyException("SyntaxError", "unmatched '" + o + "'");
                        }
                    }
                    default -> { }
                }
                out.add(new Tok(Kind.OP, o, null, false));
                return;
            }
        }
        throw new PyException("SyntaxError", "invalid character '" + new String(Character.toChars(src.codePointAt(pos))) + "'");
    }

    // ---- numbers ----

    private int digits(String allowed) {
        int s = pos;
        while (pos < src.length()) {
            char c = src.charAt(pos);
            if (allowed.indexOf(Character.toLowerCase(c)) >= 0) {
                pos++;
            } else if (c == '_' && pos > s && pos + 1 < src.length()
                    && allowed.indexOf(Character.toLowerCase(src.charAt(pos + 1))) >= 0) {
                pos++;
            } else {
                break;
            }
        }
        return pos - s;
    }

    private void number() {
        int s = pos;
        char c0 = src.charAt(pos);
        if (c0 == '0' && pos + 1 < src.length() && "xXoObB".indexOf(src.charAt(pos + 1)) >= 0) {
            char k = Character.toLowerCase(src.charAt(pos + 1));
            pos += 2;
            if (pos < src.length() && src.charAt(pos) == '_') {
                pos++;
            }
            String allowed = k == 'x' ? "0123456789abcdef" : k == 'o' ? "01234567" : "01";
            int count = digits(allowed);
            if (count > MAX_NON_DECIMAL_DIGITS) {
                // CPython accepts any size, but str() of such an int fails anyway; refuse before parsing
                throw new PyException("SyntaxError", "integer literal too large for this port");
            }
            if (count == 0) {
                throw new PyException("SyntaxError", "invalid " + (k == 'x' ? "hexadecimal" : k == 'o' ? "octal" : "binary") + " literal");
            }
            endOfNumber();
            String body = src.substring(s + 2, pos).replace("_", "");
            out.add(new Tok(Kind.NUM, src.substring(s, pos),
                    PyNumbers.normalize(new BigInteger(body, k == 'x' ? 16 : k == 'o' ? 8 : 2)), false));
            return;
        }
        boolean isFloat = false;
        int intDigits = digits("0123456789");
        if (pos < src.length() && src.charAt(pos) == '.') {
            isFloat = true;
            pos++;
            digits("0123456789");
        }
        if (pos < src.length() && (src.charAt(pos) == 'e' || src.charAt(pos) == 'E')) {
            int save = pos;
            pos++;
            boolean signed = pos < src.length() && (src.charAt(pos) == '+' || src.charAt(pos) == '-');
            if (signed) {
                pos++;
            }
            if (digits("0123456789") == 0) {
                if (signed) {
                    throw new PyException("SyntaxError", "invalid decimal literal");
                }
                pos = save; // "1else": the 'e' starts the next token, if that is a keyword (see endOfNumber)
            } else {
                isFloat = true;
            }
        }
        String text = src.substring(s, pos).replace("_", "");
        if (pos < src.length() && (src.charAt(pos) == 'j' || src.charAt(pos) == 'J')) {
            pos++;
            endOfNumber();
            out.add(new Tok(Kind.NUM, src.substring(s, pos), new PyComplex(0.0, Double.parseDouble(text)), false));
            return;
        }
        endOfNumber();
        if (isFloat) {
            out.add(new Tok(Kind.NUM, src.substring(s, pos), Double.parseDouble(text), false));
        } else {
            if (intDigits > 1 && text.charAt(0) == '0' && !text.chars().allMatch(ch -> ch == '0')) {
                throw new PyException("SyntaxError", "leading zeros in decimal integer literals are not permitted");
            }
            if (text.length() > PyNumbers.MAX_STR_DIGITS) {
                throw new PyException("SyntaxError", PyNumbers.tooManyDigits(text.length()).getMessage()
                        + " - Consider hexadecimal for huge integer literals to avoid decimal conversion limits.");
            }
            out.add(new Tok(Kind.NUM, src.substring(s, pos), PyNumbers.normalize(new BigInteger(text)), false));
        }
    }

    /**
     * CPython 3.11's verify_end_of_number: a number may not run into a name, except (with a
     * DeprecationWarning, still accepted) into one of the keywords and/else/for/if/in/is/not/or.
     */
    private void endOfNumber() {
        if (pos < src.length() && (Character.isUnicodeIdentifierPart(src.codePointAt(pos)) || src.charAt(pos) == '_')) {
            char c = src.charAt(pos);
            boolean keyword = switch (c) {
                case 'a' -> src.startsWith("and", pos);
                case 'e' -> src.startsWith("else", pos);
                case 'f' -> src.startsWith("for", pos);
                case 'i' -> pos + 1 < src.length() && "fns".indexOf(src.charAt(pos + 1)) >= 0;
                case 'n' -> src.startsWith("not", pos);
                case 'o' -> src.startsWith("or", pos);
                default -> false;
            };
            if (!keyword) {
                throw new PyException("SyntaxError", "invalid decimal literal");
            }
        }
    }

    // ---- strings ----

    private int prefixLength() {
        int p = pos;
        while (p < src.length() && p - pos < 2 && "rRuUbBfF".indexOf(src.charAt(p)) >= 0) {
            p++;
        }
        return p - pos;
    }

    private boolean startsString() {
        char c = src.charAt(pos);
        if (c == '\'' || c == '"') {
            return true;
        }
        int n = prefixLength();
        if (n == 0 || pos + n >= src.length()) {
            return false;
        }
        char q = src.charAt(pos + n);
        if (q != '\'' && q != '"') {
            return false;
        }
        String p = src.substring(pos, pos + n).toLowerCase();
        return p.equals("r") || p.equals("u") || p.equals("b") || p.equals("f") || p.equals("br")
                || p.equals("rb") || p.equals("fr") || p.equals("rf");
    }

    private void string() {
        int n = prefixLength();
        if (src.charAt(pos) == '\'' || src.charAt(pos) == '"') {
            n = 0;
        }
        String prefix = src.substring(pos, pos + n).toLowerCase();
        boolean raw = prefix.contains("r");
        boolean bytes = prefix.contains("b");
        boolean fstr = prefix.contains("f");
        pos += n;
        char q = src.charAt(pos);
        boolean triple = src.startsWith("" + q + q + q, pos);
        String close = triple ? "" + q + q + q : "" + q;
        pos += close.length();
        int bodyStart = pos;
        while (true) {
            if (pos >= src.length()) {
                throw new PyException("SyntaxError", "unterminated string literal");
            }
            char c = src.charAt(pos);
            if (c == '\\') {
                pos += 2;
                continue;
            }
            if (c == '\n' && !triple) {
                throw new PyException("SyntaxError", "unterminated string literal");
            }
            if (src.startsWith(close, pos)) {
                break;
            }
            pos++;
        }
        String body = src.substring(bodyStart, pos);
        pos += close.length();
        Object value;
        if (bytes) {
            for (int i = 0; i < body.length(); i++) {
                if (body.charAt(i) > 127) {
                    throw new PyException("SyntaxError", "bytes can only contain ASCII literal characters");
                }
            }
            value = new PyBytes(raw ? body.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1) : PyStringLiterals.unescapeBytes(body));
        } else {
            value = raw || fstr ? body : PyStringLiterals.unescape(body);
        }
        out.add(new Tok(Kind.STR, body, value, fstr));
    }
}
