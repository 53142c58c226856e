package org.selfchallenge.pyval.expr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigInteger;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.selfchallenge.env.ToolException;
import org.selfchallenge.pyval.PyTuple;

/** {@code ast.literal_eval} cases; expected values follow Python's literal grammar (checked on 3.11). */
class LiteralEvalTest {
    static String le(String s) {
        return PyStr.repr(LiteralEval.eval(s));
    }

    static String error(String s) {
        return assertThrows(ToolException.class, () -> LiteralEval.eval(s)).pythonType();
    }

    @Test
    void numbers() {
        assertEquals(1000L, LiteralEval.eval("1_000"));
        assertEquals(31L, LiteralEval.eval("0x1F")); // 16 + 15
        assertEquals(15L, LiteralEval.eval("0o17")); // 8 + 7
        assertEquals(5L, LiteralEval.eval("0b101"));
        assertEquals(1500.0, LiteralEval.eval("1.5e3"));
        assertEquals(0.5, LiteralEval.eval(".5"));
        assertEquals(5.0, LiteralEval.eval("5."));
        assertEquals(-5L, LiteralEval.eval("-5"));
        assertEquals(5L, LiteralEval.eval("+5"));
        assertEquals(new BigInteger("123456789012345678901234567890"), LiteralEval.eval("123456789012345678901234567890"));
        assertEquals(Double.POSITIVE_INFINITY, LiteralEval.eval("1e400"));
        assertEquals("1j", le("1j"));
        assertEquals("(1+2j)", le("1+2j"));
        assertEquals("(-0-1j)", le("-1j"));
        assertEquals("(1-2j)", le("1-2j"));
    }

    @Test
    void containersAndConstants() {
        assertEquals(PyTuple.of(1L), LiteralEval.eval("(1,)"));
        assertEquals(PyTuple.of(), LiteralEval.eval("()"));
        assertEquals("[1, [2, (3,)]]", le("[1, [2, (3,)]]"));
        assertEquals("{'a': 2}", le("{'a': 1, 'a': 2}"));
        assertEquals("{1: 4}", le("{1: 2, 1.0: 3, True: 4}")); // 1 == 1.0 == True: first key, last value
        assertEquals("set()", le("set()"));
        assertEquals("{1, 2}", le("{1, 1.0, 2}"));
        assertEquals("'ab'", le("'a' 'b'"));
        assertEquals("b'xy'", le("b'x' b'y'"));
        assertEquals("'\\\\n'", le("r'\\n'"));
        assertEquals("'A\u00e9\u2022'", le("'\\x41\\u00e9\\N{BULLET}'"));
        assertEquals("Ellipsis", le("..."));
        assertEquals("None", le("None"));
        assertEquals(true, LiteralEval.eval("True"));
        assertEquals(List.of(), LiteralEval.eval("[]"));
    }

    @Test
    void whitespaceCommentsAndLines() {
        assertEquals(3L, LiteralEval.eval("  3")); // lstrip(" \t")
        assertEquals(3L, LiteralEval.eval("3  # c"));
        assertEquals(PyTuple.of(1L, 2L), LiteralEval.eval("(1,\n2)"));
        assertEquals(3L, LiteralEval.eval("\n3")); // leading blank line
        assertEquals(PyTuple.of(1L, 2L), LiteralEval.eval("1, 2"));
    }

    @Test
    void formFeedsAndContinuations() {
        assertEquals(3L, LiteralEval.eval("\f3")); // a form feed resets the indentation column
        assertEquals(3L, LiteralEval.eval("\n \f3"));
        assertEquals("SyntaxError", error("\f 3")); // ...but a space after it indents
        assertEquals(3L, LiteralEval.eval("\\\n3"));
        assertEquals("SyntaxError", error("\\\n 3")); // the indent scan continues across the continuation
        assertEquals("SyntaxError", error("3\\\n")); // a continuation straight into EOF
        assertEquals(3L, LiteralEval.eval("3\\\n ")); // ...unlike one followed by anything
        assertEquals("(3+1j)", le("3 \\\n+1j"));
        assertEquals("SyntaxError", error("3\\"));
    }

    @Test
    void rejectedAsCPythonDoes() {
        assertEquals("ValueError", error("1+2")); // right side must be imaginary
        assertEquals("ValueError", error("--1"));
        assertEquals("ValueError", error("-True"));
        assertEquals("ValueError", error("1j+2j"));
        assertEquals("ValueError", error("x"));
        assertEquals("ValueError", error("f(1)"));
        assertEquals("ValueError", error("{**{}}"));
        assertEquals("ValueError", error("f'x'"));
        assertEquals("TypeError", error("{[1]: 2}"));
        assertEquals("TypeError", error("{[1]}"));
        assertEquals("SyntaxError", error("01"));
        assertEquals("SyntaxError", error("1__0"));
        assertEquals("SyntaxError", error("\n 3")); // IndentationError is a SyntaxError
        assertEquals("SyntaxError", error("3\n4"));
        assertEquals("SyntaxError", error("b'\u00e9'"));
        assertEquals("SyntaxError", error("'a' b'b'"));
        assertEquals("SyntaxError", error("(1,"));
        assertEquals("SyntaxError", error(""));
        assertEquals("SyntaxError", error("'unterminated"));
    }

    @Test
    void hostileNestingFailsCleanly() {
        assertEquals("SyntaxError", error("[".repeat(201) + "]".repeat(201))); // CPython's 200-level limit
        assertEquals("RecursionError", error("-".repeat(5000) + "1"));
    }

    @Test
    void extraTypesPrintAsPythonEvenViaToString() {
        // consumers that fall back to toString() (e.g. a wire encoder) still show Python's repr
        assertEquals("(1+2j)", LiteralEval.eval("1+2j").toString());
        assertEquals("{1, 2}", LiteralEval.eval("{1, 2}").toString());
        assertEquals("b\"a\\x00'\"", LiteralEval.eval("b\"a\\x00'\"").toString()); // has ' but no ": "-quoted
        assertEquals("Ellipsis", LiteralEval.eval("...").toString());
    }
}
