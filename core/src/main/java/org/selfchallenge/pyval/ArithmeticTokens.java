package org.selfchallenge.pyval;

import java.util.ArrayList;
import java.util.List;

/**
 * The tokenizer of {@link PyArithmetic}: numbers, the operators {@code + - * / // ** ( )}, and CPython's
 * tokenizer errors. The first error ends the list as an {@link Kind#ERROR} token instead of being thrown:
 * CPython's tokenizer runs as the parser asks for tokens, so an error the parser never reaches (after a
 * parser MemoryError, say) is never raised, while one it reaches, or any error once the parse has failed
 * with a SyntaxError, is.
 */
final class ArithmeticTokens {
    private ArithmeticTokens() {
    }

    enum Kind { NUM, OP, END, ERROR }

    /** A token; {@code depth} counts the parentheses open after it; {@code error} only on ERROR. */
    record Tok(Kind kind, String text, int depth, PyException error) {
    }

    /** CPython's tokenizer MAXLEVEL: the 201st open parenthesis is a SyntaxError. */
    static final int MAX_PAREN_DEPTH = 200;

    static List<Tok> tokenize(String s) {
        List<Tok> out = new ArrayList<>();
        int depth = 0;
        int i = 0;
        int n = s.length();
        while (i < n) {
            char c = s.charAt(i);
            if (c == ' ' || c == '\t' || c == '\f') {
                i++;
                continue;
            }
            if (isDigit(c) || (c == '.' && i + 1 < n && isDigit(s.charAt(i + 1)))) {
                int st = i;
                boolean isFloat = false;
                while (i < n && isDigit(s.charAt(i))) {
                    i++;
                }
                if (i < n && s.charAt(i) == '.') {
                    isFloat = true;
                    i++;
                    while (i < n && isDigit(s.charAt(i))) {
                        i++;
                    }
                }
                if (i < n && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
                    int save = i;
                    i++;
                    if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
                        i++;
                    }
                    if (i < n && isDigit(s.charAt(i))) {
                        isFloat = true;
                        while (i < n && isDigit(s.charAt(i))) {
                            i++;
                        }
                    } else {
                        i = save;
                    }
                }
                String lit = s.substring(st, i);
                if (!isFloat && lit.length() > 1 && lit.charAt(0) == '0' && !lit.matches("0+")) {
                    return failed(out, "leading zeros in decimal integer literals are not permitted; "
                            + "use an 0o prefix for octal integers", depth);
                }
                out.add(new Tok(Kind.NUM, lit, depth, null));
                continue;
            }
            String op;
            if (s.startsWith("**", i)) {
                op = "**";
            } else if (s.startsWith("//", i)) {
                op = "//";
            } else if ("+-*/().".indexOf(c) >= 0) {
                op = String.valueOf(c);
            } else {
                return failed(out, "invalid syntax", depth);
            }
            if (op.equals("(")) {
                if (++depth > MAX_PAREN_DEPTH) {
                    return failed(out, "too many nested parentheses", depth);
                }
            } else if (op.equals(")")) {
                if (depth == 0) {
                    return failed(out, "unmatched ')'", depth);
                }
                depth--;
            }
            out.add(new Tok(Kind.OP, op, depth, null));
            i += op.length();
        }
        // An unclosed '(' is not an error yet: CPython reports it only if the parser fetches the end.
        out.add(new Tok(Kind.END, "", depth, null));
        return out;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static List<Tok> failed(List<Tok> out, String msg, int depth) {
        out.add(new Tok(Kind.ERROR, "", depth, PyArithmetic.syntax(msg, 1)));
        return out;
    }
}
