package org.selfchallenge.pyval;

import java.math.BigInteger;
import java.util.List;

import org.selfchallenge.pyval.ArithmeticTokens.Kind;
import org.selfchallenge.pyval.ArithmeticTokens.Tok;

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
 *
 * <p>Hostile input gets CPython's own errors, at CPython's thresholds, before anything deep recurses in
 * the JVM: more than {@value ArithmeticTokens#MAX_PAREN_DEPTH} open parentheses (the tokenizer's "too many nested
 * parentheses"), a parser stack of {@value #MAX_PARSER_LEVELS} levels (MemoryError, see {@link Parser#enter}),
 * an AST deeper than {@value #MAX_AST_HEIGHT} (RecursionError during compilation) and int literals of more
 * than 4300 digits (the int/str conversion limit, a SyntaxError).
 */
public final class PyArithmetic {
    private PyArithmetic() {
    }


    /** CPython 3.11's parser MAXSTACK: a rule nested this deep raises MemoryError (str() empty). */
    static final int MAX_PARSER_LEVELS = 6000;

    /**
     * The compiler's recursion bound: CPython 3.11 visits ASTs up to 3 x the recursion limit (1000) deep,
     * less 3 per Python frame active at the eval() call; upstream's calculate runs about 10 frames deep.
     */
    static final int MAX_AST_HEIGHT = 2970;

    /** Python 3.11's {@code sys.get_int_max_str_digits()} default, applied to int literals by the parser. */
    static final int MAX_LITERAL_DIGITS = 4300;

    /** An error that stops the parse outright in CPython too (no comma-hint retry swallows it). */
    private static final class Fatal extends PyException {
        Fatal(String type, String message) {
            super(type, message);
        }
    }

    static PyException syntax(String msg, int line) {
        return new PyException("SyntaxError", msg + " (<string>, line " + line + ")");
    }

    /** Evaluates the expression; Python errors are thrown as {@link PyException}. */
    public static Object eval(String src) {
        List<Tok> toks = ArithmeticTokens.tokenize(src);
        if (toks.get(0).kind() == Kind.ERROR) {
            throw toks.get(0).error();
        }
        if (toks.size() == 1) {
            // Nothing but whitespace: CPython reports line 0 for an empty eval input.
            throw syntax("invalid syntax", 0);
        }
        Parser p = new Parser(toks);
        Ast n;
        try {
            n = p.expr();
            if (p.peek().kind() != Kind.END) {
                throw p.error();
            }
            if (n.height > MAX_AST_HEIGHT) {
                throw new PyException("RecursionError", "maximum recursion depth exceeded during compilation");
            }
            if (p.compileError != null) {
                throw p.compileError; // found while parsing, reported only once the parse succeeded
            }
        } catch (Fatal e) {
            if (e.pythonType().equals("MemoryError")) {
                throw e; // not a SyntaxError: CPython reports it without tokenizing the rest
            }
            throw tokenizerErrorOr(toks, e);
        } catch (PyException e) {
            // Fetching the end of input inside an open '(' raises at once in CPython's tokenizer, whatever
            // error the parser was heading for.
            Tok end = toks.get(toks.size() - 1);
            if (p.fetchedEnd[0] && end.depth() > 0) {
                throw syntax("'(' was never closed", 1);
            }
            throw tokenizerErrorOr(toks, e);
        }
        return n.eval();
    }

    /**
     * A SyntaxError from the parser yields to a tokenizer error anywhere in the text: CPython tokenizes
     * the rest of the source before reporting it.
     */
    private static PyException tokenizerErrorOr(List<Tok> toks, PyException e) {
        Tok last = toks.get(toks.size() - 1);
        return last.kind() == Kind.ERROR ? last.error() : e;
    }

    private interface Node {
        Object eval();
    }

    /** A parsed expression and its height in CPython's AST (parentheses add no node). */
    private record Ast(int height, Node node) {
        Object eval() {
            return node.eval();
        }

        static Ast leaf(Node n) {
            return new Ast(1, n);
        }

        static Ast over(Ast child, Node n) {
            return new Ast(child.height + 1, n);
        }

        static Ast over(Ast a, Ast b, Node n) {
            return new Ast(Math.max(a.height, b.height) + 1, n);
        }
    }

    private static final class Parser {
        final List<Tok> toks;
        int pos;
        /** Shared with sub-parsers: whether any parse attempt looked at the end-of-input token. */
        final boolean[] fetchedEnd;
        /** CPython's parser stack depth here: 24 rules down to the atom of a bare number. */
        int level = 24;

        Parser(List<Tok> toks) {
            this(toks, new boolean[1]);
        }

        Parser(List<Tok> toks, boolean[] fetchedEnd) {
            this.toks = toks;
            this.fetchedEnd = fetchedEnd;
        }

        Tok peek() {
            Tok t = toks.get(pos);
            if (t.kind() == Kind.END) {
                fetchedEnd[0] = true;
            } else if (t.kind() == Kind.ERROR) {
                throw t.error(); // CPython's tokenizer raises when the parser asks for this token
            }
            return t;
        }

        boolean isOp(String op) {
            Tok t = peek();
            return t.kind() == Kind.OP && t.text().equals(op);
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
            if (!withoutInvalid && t.kind() == Kind.NUM && pos > 0 && endsExpression(toks.get(pos - 1))) {
                Parser sub = new Parser(toks, fetchedEnd);
                sub.withoutInvalid = true; // CPython: expression_without_invalid
                sub.pos = pos;
                boolean parsed;
                sub.level = level;
                try {
                    sub.expr();
                    parsed = true;
                } catch (Fatal e) {
                    throw e; // CPython's second pass raises these as well
                } catch (PyException e) {
                    parsed = false;
                }
                if (parsed && toks.get(sub.pos - 1).depth() > 0) {
                    return syntax("invalid syntax. Perhaps you forgot a comma?", 1);
                }
            }
            return syntax("invalid syntax", 1);
        }

        private boolean endsExpression(Tok prev) {
            return prev.kind() == Kind.NUM || (prev.kind() == Kind.OP && prev.text().equals(")"));
        }

        private void deferCompileError(String msg) {
            if (compileError == null) {
                compileError = syntax(msg, 1);
            }
        }

        /**
         * Measured on CPython 3.11.7: a unary sign nests 1 parser level, {@code **} 2, a parenthesised
         * group 28, a call's parentheses 24; at 6000 the parser gives up with MemoryError (so
         * {@code "-" * 5975 + "1"} parses and {@code "-" * 5976 + "1"} does not).
         */
        void enter(int levels) {
            level += levels;
            if (level >= MAX_PARSER_LEVELS) {
                throw new Fatal("MemoryError", "");
            }
        }

        Ast expr() {
            Ast left = term();
            while (isOp("+") || isOp("-")) {
                String op = peek().text();
                pos++;
                Ast l = left;
                Ast r = term();
                left = Ast.over(l, r, op.equals("+") ? () -> PyMath.add(l.eval(), r.eval()) : () -> PyMath.sub(l.eval(), r.eval()));
            }
            return left;
        }

        Ast term() {
            Ast left = factor();
            while (isOp("*") || isOp("/") || isOp("//")) {
                String op = peek().text();
                pos++;
                Ast l = left;
                Ast r = factor();
                switch (op) {
                    case "*": left = Ast.over(l, r, () -> PyMath.mul(l.eval(), r.eval())); break;
                    case "/": left = Ast.over(l, r, () -> PyMath.truediv(l.eval(), r.eval())); break;
                    default: left = Ast.over(l, r, () -> PyMath.floordiv(l.eval(), r.eval()));
                }
            }
            return left;
        }

        /**
         * {@code factor := ('+'|'-')* primary ['**' factor]}, read as a chain in a loop rather than by
         * recursion: thousands of signs or powers must not exhaust the JVM stack before CPython's own
         * limits ({@link #enter}, {@link #MAX_AST_HEIGHT}) are reached.
         */
        Ast factor() {
            List<String> signs = new java.util.ArrayList<>();
            List<Ast> bases = new java.util.ArrayList<>();
            int entered = 0;
            while (true) {
                StringBuilder sg = new StringBuilder();
                while (isOp("+") || isOp("-")) {
                    sg.append(peek().text());
                    pos++;
                    enter(1);
                    entered++;
                }
                signs.add(sg.toString());
                bases.add(primary());
                if (!isOp("**")) {
                    break;
                }
                pos++;
                enter(2);
                entered += 2;
            }
            level -= entered;
            // right to left: segment k is its signs applied to (base_k ** segment k+1), so -2**2 == -(2**2)
            Ast acc = null;
            for (int k = bases.size() - 1; k >= 0; k--) {
                Ast base = bases.get(k);
                Ast exp = acc;
                Ast f = exp == null ? base : Ast.over(base, exp, () -> PyMath.pow(base.eval(), exp.eval()));
                String sg = signs.get(k);
                for (int j = sg.length() - 1; j >= 0; j--) {
                    Ast inner = f;
                    f = Ast.over(inner, sg.charAt(j) == '+' ? () -> PyMath.pos(inner.eval()) : () -> PyMath.neg(inner.eval()));
                }
                acc = f;
            }
            return acc;
        }

        Ast primary() {
            Ast a = atom();
            while (isOp("(")) {
                pos++;
                String star = isOp("*") ? "*" : isOp("**") ? "**" : null;
                if (star != null) {
                    pos++;
                }
                enter(24);
                Ast arg = isOp(")") && star == null ? null : expr();
                level -= 24;
                expect(")");
                Ast callee = a;
                // Call(func, args): a starred argument is a Starred node around its value
                int argHeight = arg == null ? 0 : arg.height + (star != null ? 1 : 0);
                a = new Ast(Math.max(callee.height, argHeight) + 1, () -> {
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
                });
            }
            return a;
        }

        Ast atom() {
            Tok t = peek();
            if (t.kind() == Kind.NUM) {
                pos++;
                Object v = literal(t.text());
                return Ast.leaf(() -> v);
            }
            if (isOp("(")) {
                pos++;
                if (isOp(")")) {
                    pos++;
                    return Ast.leaf(PyTuple::of);
                }
                boolean starred = isOp("*") || isOp("**");
                if (starred) {
                    // (*x) parses, then fails to compile; no value is ever produced.
                    deferCompileError(isOp("*") ? "cannot use starred expression here"
                            : "cannot use double starred expression here");
                    pos++;
                }
                enter(28);
                Ast inner = expr();
                level -= 28;
                expect(")");
                return starred ? new Ast(inner.height + 1, inner.node) : inner;
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
            if (lit.length() > MAX_LITERAL_DIGITS && !lit.matches("0+")) {
                // CPython converts literals while parsing; BigInteger's parser would also take 16 s on 10^6 digits
                throw new Fatal("SyntaxError", "Exceeds the limit (" + MAX_LITERAL_DIGITS + " digits) for integer "
                        + "string conversion: value has " + lit.length() + " digits; use sys.set_int_max_str_digits() "
                        + "to increase the limit - Consider hexadecimal for huge integer literals to avoid decimal "
                        + "conversion limits. (<string>, line 1)");
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
