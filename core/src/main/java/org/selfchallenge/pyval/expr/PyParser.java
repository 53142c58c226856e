package org.selfchallenge.pyval.expr;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.selfchallenge.pyval.PyException;
import org.selfchallenge.pyval.expr.PyLexer.Kind;
import org.selfchallenge.pyval.expr.PyLexer.Tok;

/**
 * Recursive-descent parser for Python's {@code eval} input ({@code expressions NEWLINE* ENDMARKER}),
 * covering the expression grammar an answer or a calculator expression realistically uses: literals and
 * displays, unary/binary/boolean operators with Python's precedence, chained comparisons, conditional
 * expressions, calls with positional, keyword and {@code *} arguments, subscripts, slices and attributes.
 * Constructs outside this subset (lambda, comprehensions, walrus, f-string interpolation) raise SyntaxError;
 * for {@code literal_eval} this is the same outcome as CPython (they are not literals either).
 */
public final class PyParser {
    /** Guards against stack exhaustion on hostile input ("-" * 100000 + "1"), like CPython's recursion limit. */
    static final int MAX_NESTING = 400;
    /** Longest left-deep chain of operators or trailers, see {@link #chainLink}. */
    static final int MAX_CHAIN = 2970;
    private static final Set<String> KEYWORDS = Set.of("False", "None", "True", "and", "as", "assert", "async",
            "await", "break", "class", "continue", "def", "del", "elif", "else", "except", "finally", "for", "from",
            "global", "if", "import", "in", "is", "lambda", "nonlocal", "not", "or", "pass", "raise", "return",
            "try", "while", "with", "yield");

    private static final Set<String> EXPRESSION_KEYWORDS = Set.of("True", "False", "None", "not", "lambda", "await");
    private static final Set<String> EXPRESSION_OPENERS = Set.of("(", "[", "{", "-", "+", "~", "...");
    private static final Set<String> COMPARISON_OPS = Set.of("<", ">", "<=", ">=", "==", "!=");

    private final List<Tok> toks;
    private int i;
    private int nesting;

    private PyParser(List<Tok> toks) {
        this.toks = toks;
    }

    /**
     * Parses {@code source} as {@code eval()} / {@code ast.parse(mode='eval')} would after the leading
     * spaces and tabs have been stripped (both callers strip them, see {@link #stripLeading}).
     */
    public static PyNode parseExpression(String source) {
        PyParser p = new PyParser(PyLexer.tokenize(source));
        if (p.peek().kind() == Kind.NEWLINE || p.peek().kind() == Kind.END) {
            throw new PyException("SyntaxError", "invalid syntax");
        }
        PyNode n = p.expressions();
        while (p.peek().kind() == Kind.NEWLINE) {
            p.i++;
        }
        if (p.peek().kind() != Kind.END) {
            throw new PyException("SyntaxError", "invalid syntax");
        }
        return n;
    }

    /** {@code s.lstrip(" \t")}: what both {@code eval(str)} and {@code ast.literal_eval(str)} do first. */
    public static String stripLeading(String s) {
        int k = 0;
        while (k < s.length() && (s.charAt(k) == ' ' || s.charAt(k) == '\t')) {
            k++;
        }
        return s.substring(k);
    }

    private Tok peek() {
        return toks.get(i);
    }

    private boolean isOp(String o) {
        Tok t = peek();
        return t.kind() == Kind.OP && t.text().equals(o);
    }

    private boolean isName(String n) {
        Tok t = peek();
        return t.kind() == Kind.NAME && t.text().equals(n);
    }

    private void expectOp(String o) {
        if (!isOp(o)) {
            throw new PyException("SyntaxError", "invalid syntax");
        }
        i++;
    }

    private void enter() {
        if (++nesting > MAX_NESTING) {
            throw new PyException("RecursionError", "maximum recursion depth exceeded during compilation");
        }
    }

    /**
     * A left-deep chain ({@code 1+1+...}, {@code f()()...}) makes an AST as deep as it is long, which
     * CPython's compiler refuses past about 2970 levels (3 x the recursion limit, less the caller's
     * frames); evaluating it here would recurse as deep in the JVM.
     */
    private static void chainLink(int length) {
        if (length > MAX_CHAIN) {
            throw new PyException("RecursionError", "maximum recursion depth exceeded during compilation");
        }
    }

    /** {@code expr (',' expr)* [',']}: a bare tuple when a comma is present. */
    private PyNode expressions() {
        PyNode first = test();
        if (!isOp(",")) {
            return first;
        }
        List<PyNode> elts = new ArrayList<>();
        elts.add(first);
        while (isOp(",")) {
            i++;
            if (startsExpression()) {
                elts.add(test());
            } else {
                break;
            }
        }
        return new PyNode.TupleN(elts);
    }

    private boolean startsExpression() {
        Tok t = peek();
        return switch (t.kind()) {
            case NUM, STR -> true;
            case NAME -> !KEYWORDS.contains(t.text()) || EXPRESSION_KEYWORDS.contains(t.text());
            case OP -> EXPRESSION_OPENERS.contains(t.text());
            default -> false;
        };
    }

    private PyNode test() {
        enter();
        try {
            if (isName("lambda")) {
                throw new PyException("SyntaxError", "lambda is not supported");
            }
            PyNode body = orTest();
            if (isName("if")) {
                i++;
                PyNode cond = orTest();
                if (!isName("else")) {
                    throw new PyException("SyntaxError", "expected 'else' after 'if' expression");
                }
                i++;
                PyNode orElse = test();
                return new PyNode.IfExp(cond, body, orElse);
            }
            return body;
        } finally {
            nesting--;
        }
    }

    private PyNode orTest() {
        return boolChain("or", true);
    }

    private PyNode boolChain(String op, boolean isOr) {
        PyNode first = isOr ? boolChain("and", false) : notTest();
        if (!isName(op)) {
            return first;
        }
        List<PyNode> vals = new ArrayList<>();
        vals.add(first);
        while (isName(op)) {
            i++;
            vals.add(isOr ? boolChain("and", false) : notTest());
        }
        return new PyNode.BoolOp(op, vals);
    }

    private PyNode notTest() {
        if (isName("not")) {
            i++;
            enter();
            try {
                return new PyNode.Unary("not", notTest());
            } finally {
                nesting--;
            }
        }
        return comparison();
    }

    private PyNode comparison() {
        PyNode left = bitOr();
        List<String> ops = new ArrayList<>();
        List<PyNode> rest = new ArrayList<>();
        while (true) {
            Tok t = peek();
            String op = null;
            if (t.kind() == Kind.OP && COMPARISON_OPS.contains(t.text())) {
                op = t.text();
                i++;
            } else if (isName("in")) {
                op = "in";
                i++;
            } else if (isName("not") && toks.get(i + 1).kind() == Kind.NAME && toks.get(i + 1).text().equals("in")) {
                op = "not in";
                i += 2;
            } else if (isName("is")) {
                i++;
                op = "is";
                if (isName("not")) {
                    i++;
                    op = "is not";
                }
            }
            if (op == null) {
                break;
            }
            ops.add(op);
            rest.add(bitOr());
        }
        return ops.isEmpty() ? left : new PyNode.Compare(left, ops, rest);
    }

    private static final List<List<String>> BINARY_LEVELS = List.of(
            List.of("|"), List.of("^"), List.of("&"), List.of("<<", ">>"), List.of("+", "-"),
            List.of("*", "/", "//", "%", "@"));

    private PyNode bitOr() {
        return binaryLevel(0);
    }

    private PyNode binaryLevel(int level) {
        if (level == BINARY_LEVELS.size()) {
            return factor();
        }
        PyNode left = binaryLevel(level + 1);
        List<String> ops = BINARY_LEVELS.get(level);
        int chain = 0;
        while (peek().kind() == Kind.OP && ops.contains(peek().text())) {
            String op = peek().text();
            i++;
            chainLink(++chain);
            left = new PyNode.Binary(op, left, binaryLevel(level + 1));
        }
        return left;
    }

    private PyNode factor() {
        Tok t = peek();
        if (t.kind() == Kind.OP && (t.text().equals("-") || t.text().equals("+") || t.text().equals("~"))) {
            i++;
            enter();
            try {
                return new PyNode.Unary(t.text(), factor());
            } finally {
                nesting--;
            }
        }
        return power();
    }

    private PyNode power() {
        PyNode base = primary();
        if (isOp("**")) {
            i++;
            enter();
            try {
                return new PyNode.Binary("**", base, factor());
            } finally {
                nesting--;
            }
        }
        return base;
    }

    private PyNode primary() {
        PyNode n = atom();
        int chain = 0;
        while (true) {
            chainLink(++chain);
            if (isOp("(")) {
                i++;
                n = callArgs(n);
            } else if (isOp("[")) {
                i++;
                PyNode idx = isOp(":") ? null : expressions();
                if (isOp(":")) {
                    idx = slice(idx);
                }
                expectOp("]");
                n = new PyNode.Subscript(n, idx);
            } else if (isOp(".")) {
                i++;
                Tok t = peek();
                if (t.kind() != Kind.NAME) {
                    throw new PyException("SyntaxError", "invalid syntax");
                }
                i++;
                n = new PyNode.Attribute(n, t.text());
            } else {
                return n;
            }
        }
    }

    /** {@code [lower] : [upper] [: [step]]} after {@code lower} (null when absent); at a ':' now. */
    private PyNode slice(PyNode lower) {
        i++;
        PyNode upper = isOp(":") || isOp("]") ? null : test();
        PyNode step = null;
        if (isOp(":")) {
            i++;
            step = isOp("]") ? null : test();
        }
        return new PyNode.Slice(lower, upper, step);
    }

    private PyNode callArgs(PyNode func) {
        List<PyNode> args = new ArrayList<>();
        List<PyNode.Keyword> kws = new ArrayList<>();
        while (!isOp(")")) {
            if (peek().kind() == Kind.NAME && toks.get(i + 1).kind() == Kind.OP && toks.get(i + 1).text().equals("=")) {
                String name = peek().text();
                i += 2;
                kws.add(new PyNode.Keyword(name, test()));
            } else if (isOp("*")) {
                i++;
                if (!kws.isEmpty()) {
                    throw new PyException("SyntaxError", "iterable argument unpacking follows keyword argument unpacking");
                }
                args.add(new PyNode.Starred(test()));
            } else {
                if (!kws.isEmpty()) {
                    throw new PyException("SyntaxError", "positional argument follows keyword argument");
                }
                args.add(test());
            }
            if (!isOp(",")) {
                break;
            }
            i++;
        }
        expectOp(")");
        return new PyNode.Call(func, args, kws);
    }

    private PyNode atom() {
        Tok t = peek();
        enter();
        try {
            switch (t.kind()) {
                case NUM -> {
                    i++;
                    return new PyNode.Const(t.value());
                }
                case STR -> {
                    return strings();
                }
                case NAME -> {
                    i++;
                    switch (t.text()) {
                        case "True":
                            return new PyNode.Const(Boolean.TRUE);
                        case "False":
                            return new PyNode.Const(Boolean.FALSE);
                        case "None":
                            return new PyNode.Const(null);
                        default:
                            if (KEYWORDS.contains(t.text())) {
                                throw new PyException("SyntaxError", "invalid syntax");
                            }
                            return new PyNode.Name(t.text());
                    }
                }
                case OP -> {
                    i++;
                    switch (t.text()) {
                        case "...":
                            return new PyNode.Const(PyEllipsis.INSTANCE);
                        case "(":
                            return parenthesized();
                        case "[":
                            return new PyNode.ListN(sequence("]"));
                        case "{":
                            return braces();
                        default:
                            throw new PyException("SyntaxError", "invalid syntax");
                    }
                }
                default -> throw new PyException("SyntaxError", "invalid syntax");
            }
        } finally {
            nesting--;
        }
    }

    /** Adjacent string literals concatenate; str and bytes cannot mix; any f-part makes a JoinedStr. */
    private PyNode strings() {
        StringBuilder s = new StringBuilder();
        java.io.ByteArrayOutputStream b = new java.io.ByteArrayOutputStream();
        boolean sawBytes = false;
        boolean sawStr = false;
        boolean sawF = false;
        while (peek().kind() == Kind.STR) {
            Tok t = toks.get(i++);
            if (t.value() instanceof PyBytes pb) {
                sawBytes = true;
                b.writeBytes(pb.data());
            } else {
                sawStr = true;
                sawF |= t.fstring();
                s.append((String) t.value());
            }
        }
        if (sawBytes && sawStr) {
            throw new PyException("SyntaxError", "cannot mix bytes and nonbytes literals");
        }
        if (sawF) {
            return new PyNode.JoinedStr(s.toString());
        }
        return new PyNode.Const(sawBytes ? new PyBytes(b.toByteArray()) : s.toString());
    }

    private PyNode parenthesized() {
        if (isOp(")")) {
            i++;
            return new PyNode.TupleN(List.of());
        }
        PyNode first = test();
        if (isOp(")")) {
            i++;
            return first;
        }
        List<PyNode> elts = new ArrayList<>();
        elts.add(first);
        while (isOp(",")) {
            i++;
            if (isOp(")")) {
                break;
            }
            elts.add(test());
        }
        expectOp(")");
        return new PyNode.TupleN(elts);
    }

    private List<PyNode> sequence(String close) {
        List<PyNode> elts = new ArrayList<>();
        while (!isOp(close)) {
            elts.add(test());
            if (!isOp(",")) {
                break;
            }
            i++;
        }
        expectOp(close);
        return elts;
    }

    private PyNode braces() {
        if (isOp("}")) {
            i++;
            return new PyNode.DictN(List.of(), List.of());
        }
        if (isOp("**")) {
            return dictRest(new ArrayList<>(), new ArrayList<>());
        }
        PyNode first = test();
        if (isOp(":")) {
            i++;
            List<PyNode> keys = new ArrayList<>();
            List<PyNode> vals = new ArrayList<>();
            keys.add(first);
            vals.add(test());
            if (isOp(",")) {
                i++;
                return dictRest(keys, vals);
            }
            expectOp("}");
            return new PyNode.DictN(keys, vals);
        }
        List<PyNode> elts = new ArrayList<>();
        elts.add(first);
        if (isOp(",")) {
            i++;
            elts.addAll(sequence("}"));
        } else {
            expectOp("}");
        }
        return new PyNode.SetN(elts);
    }

    private PyNode dictRest(List<PyNode> keys, List<PyNode> vals) {
        while (!isOp("}")) {
            if (isOp("**")) {
                i++;
                keys.add(null);
                vals.add(bitOr());
            } else {
                keys.add(test());
                expectOp(":");
                vals.add(test());
            }
            if (!isOp(",")) {
                break;
            }
            i++;
        }
        expectOp("}");
        return new PyNode.DictN(keys, vals);
    }
}
