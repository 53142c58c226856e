package org.selfchallenge.pyval;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code eval(expression, {"__builtins__": None}, {})} for the arithmetic subset τ-bench's
 * {@code calculate} admits (characters {@code 0-9+-*./() } and spaces): int and float literals,
 * unary {@code + -}, binary {@code + - * / // **}, parentheses, the empty tuple {@code ()} and calls
 * (which always fail: nothing is callable).
 *
 * <p>Like CPython, the whole text is tokenized and parsed before anything is evaluated, tokenizer
 * errors ({@code unmatched ')'}, {@code '(' was never closed}, leading zeros) win over parse errors,
 * and error messages are CPython 3.11's, with the {@code (<string>, line N)} suffix of a SyntaxError.
 * Grammar (CPython's precedence): {@code expr := term (('+'|'-') term)*; term := factor
 * (('*'|'/'|'//') factor)*; factor := ('+'|'-') factor | power; power := primary ['**' factor];
 * primary := atom ('(' [expr] ')')*; atom := NUMBER | '(' [expr] ')'}.
 */
public final class PyArithmetic {
    private PyArithmetic() {
    }

    private enum Kind { NUM, OP, END }

    private record Tok(Kind kind, String text, int depth) {
    }

    private static PyException syntax(String msg, int line) {
        return new PyException("SyntaxError", msg + " (<string>, line " + line + ")");
    }

    /** Evaluates the expression; Python errors are thrown as {@link PyException}. */
    public static Object eval(String src) {
        List<Tok> toks = tokenize(src);
        if (toks.size() == 1) {
            // Nothing but whitespace: CPython reports line 0 for an empty eval input.
            throw syntax("invalid syntax", 0);
        }
        Parser p = new Parser(toks);
        Node n;
        try {
            n = p.expr();
            if (p.peek().kind != Kind.END) {
                throw p.error();
            }
            if (p.compileError != null) {
                throw p.compileError; // found while parsing, reported only once the parse succeeded
            }
        } catch (PyException e) {
            // Fetching the end of input inside an open '(' raises at once in CPython's tokenizer, whatever
            // error the parser was heading for.
            Tok end = toks.get(toks.size() - 1);
            if (p.fetchedEnd[0] && end.depth > 0) {
                throw syntax("'(' was never closed", 1);
            }
            throw e;
        }
        return n.eval();
    }

    private static List<Tok> tokenize(String s) {
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
                    throw syntax("leading zeros in decimal integer literals are not permitted; "
                            + "use an 0o prefix for octal integers", 1);
                }
                out.add(new Tok(Kind.NUM, lit, depth));
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
                throw syntax("invalid syntax", 1);
            }
            if (op.equals("(")) {
                depth++;
            } else if (op.equals(")")) {
                if (depth == 0) {
                    throw syntax("unmatched ')'", 1);
                }
                depth--;
            }
            out.add(new Tok(Kind.OP, op, depth));
            i += op.length();
        }
        // An unclosed '(' is not an error yet: CPython reports it only if the parser fetches the end.
        out.add(new Tok(Kind.END, "", depth));
        return out;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private interface Node {
        Object eval();
    }

    private static final class Parser {
        final List<Tok> toks;
        int pos;
        /** Shared with sub-parsers: whether any parse attempt looked at the end-of-input token. */
        final boolean[] fetchedEnd;

        Parser(List<Tok> toks) {
            this(toks, new boolean[1]);
        }

        Parser(List<Tok> toks, boolean[] fetchedEnd) {
            this.toks = toks;
            this.fetchedEnd = fetchedEnd;
        }

        Tok peek() {
            Tok t = toks.get(pos);
            if (t.kind == Kind.END) {
                fetchedEnd[0] = true;
            }
            return t;
        }

        boolean isOp(String op) {
            Tok t = peek();
            return t.kind == Kind.OP && t.text.equals(op);
        }

        /** Set on the sub-parser of the comma-hint check, which tries no further hints. */
        boolean withoutInvalid;

        /** First semantic (compile-time) error, e.g. a starred expression in parentheses. */
        PyException compileError;

        /**
         * The parse error at the current token. Like CPython's {@code invalid_expression} rule, when an
         * expression is directly followed by another one, the second is parsed too (which may reach
         * the end of input); if it parses and ends inside brackets, the error gets the comma hint.
         */
        PyException error() {
            Tok t = peek();
            if (!withoutInvalid && t.kind == Kind.NUM && pos > 0 && endsExpression(toks.get(pos - 1))) {
                Parser sub = new Parser(toks, fetchedEnd);
                sub.withoutInvalid = true; // CPython: expression_without_invalid
                sub.pos = pos;
                boolean parsed;
                try {
                    sub.expr();
                    parsed = true;
                } catch (PyException e) {
                    parsed = false;
                }
                if (parsed && toks.get(sub.pos - 1).depth > 0) {
                    return syntax("invalid syntax. Perhaps you forgot a comma?", 1);
                }
            }
            return syntax("invalid syntax", 1);
        }

        private boolean endsExpression(Tok prev) {
            return prev.kind == Kind.NUM || (prev.kind == Kind.OP && prev.text.equals(")"));
        }

        private void deferCompileError(String msg) {
            if (compileError == null) {
                compileError = syntax(msg, 1);
            }
        }

        Node expr() {
            Node left = term();
            while (isOp("+") || isOp("-")) {
                String op = peek().text;
                pos++;
                Node l = left;
                Node r = term();
                left = op.equals("+") ? () -> PyMath.add(l.eval(), r.eval()) : () -> PyMath.sub(l.eval(), r.eval());
            }
            return left;
        }

        Node term() {
            Node left = factor();
            while (isOp("*") || isOp("/") || isOp("//")) {
                String op = peek().text;
                pos++;
                Node l = left;
                Node r = factor();
                switch (op) {
                    case "*": left = () -> PyMath.mul(l.eval(), r.eval()); break;
                    case "/": left = () -> PyMath.truediv(l.eval(), r.eval()); break;
                    default: left = () -> PyMath.floordiv(l.eval(), r.eval());
                }
            }
            return left;
        }

        Node factor() {
            if (isOp("+") || isOp("-")) {
                String op = peek().text;
                pos++;
                Node f = factor();
                return op.equals("+") ? () -> PyMath.pos(f.eval()) : () -> PyMath.neg(f.eval());
            }
            return power();
        }

        Node power() {
            Node base = primary();
            if (isOp("**")) {
                pos++;
                Node e = factor();
                return () -> PyMath.pow(base.eval(), e.eval());
            }
            return base;
        }

        Node primary() {
            Node a = atom();
            while (isOp("(")) {
                pos++;
                String star = isOp("*") ? "*" : isOp("**") ? "**" : null;
                if (star != null) {
                    pos++;
                }
                Node arg = isOp(")") && star == null ? null : expr();
                expect(")");
                Node callee = a;
                a = () -> {
                    Object f = callee.eval();
                    if (arg != null) {
                        Object v = arg.eval();
                        if ("*".equals(star) && !(v instanceof PyTuple)) {
                            throw new PyException("TypeError", PyRepr.repr(f)
                                    + " argument after * must be an iterable, not " + PyRepr.typeName(v));
                        }
                        if ("**".equals(star)) {
                            throw new PyException("TypeError", PyRepr.repr(f)
                                    + " argument after ** must be a mapping, not " + PyRepr.typeName(v));
                        }
                    }
                    throw new PyException("TypeError", "'" + PyRepr.typeName(f) + "' object is not callable");
                };
            }
            return a;
        }

        Node atom() {
            Tok t = peek();
            if (t.kind == Kind.NUM) {
                pos++;
                Object v = literal(t.text);
                return () -> v;
            }
            if (isOp("(")) {
                pos++;
                if (isOp(")")) {
                    pos++;
                    return PyTuple::of;
                }
                if (isOp("*") || isOp("**")) {
                    // (*x) parses, then fails to compile; no value is ever produced.
                    deferCompileError(isOp("*") ? "cannot use starred expression here"
                            : "cannot use double starred expression here");
                    pos++;
                }
                Node inner = expr();
                expect(")");
                return inner;
            }
            throw error();
        }

        void expect(String op) {
            if (!isOp(op)) {
                throw error();
            }
            pos++;
        }

        static Object literal(String lit) {
            if (lit.indexOf('.') >= 0 || lit.indexOf('e') >= 0 || lit.indexOf('E') >= 0) {
                return Double.parseDouble(lit);
            }
            return lit.length() <= 18 ? (Object) Long.parseLong(lit) : PyMath.normalize(new BigInteger(lit));
        }
    }

    /** {@code float(v)} of an eval result. */
    public static double toFloat(Object v) {
        if (v instanceof Double || PyMath.isInt(v)) {
            return PyMath.toDouble(v);
        }
        throw new PyException("TypeError", "float() argument must be a string or a real number, not '"
                + PyRepr.typeName(v) + "'");
    }
}
