package org.selfchallenge.cat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class CatParserTest {
    private final CatParser parser = new CatParser();

    private static final String CLEAN = """
            <instruction>
            Return the desk lamp.
            </instruction>
            <evaluation_function>
            def evaluate():
                return True
            </evaluation_function>
            <solution>
            x = 1
            </solution>
            <failure_case>
            x = 2
            </failure_case>
            <failure_case>
            x = 3
            </failure_case>
            """;

    @Test
    void parsesCleanText() {
        ParseResult r = parser.parse(CLEAN);
        assertTrue(r.ok(), r.detail());
        CodeAsTask t = r.task();
        assertEquals("Return the desk lamp.", t.instruction());
        assertEquals("def evaluate():\n    return True", t.evaluationFunction());
        assertEquals("x = 1", t.solution());
        assertEquals(List.of("x = 2", "x = 3"), t.failureCases());
        assertNull(r.error());
    }

    @Test
    void roundTripsThroughCanonicalText() {
        CodeAsTask t = parser.parse(CLEAN).task();
        assertEquals(t, parser.parse(t.toText()).task());
    }

    @Test
    void toleratesFencesProseCaseBlanksAndIndentation() {
        String messy = "Sure! Here is the task I came up with.\r\n\r\n```xml\r\n"
                + "< Instruction >\n  Return the desk lamp.  \n</INSTRUCTION>\n"
                + "Some thoughts in between.\n"
                + "<Evaluation-Function>\n```python\n    def evaluate():\n        return True\n```\n</evaluation_function>\n"
                + "<SOLUTION>\n\n        x = 1\n\n</solution >\n"
                + "<failure case>`x = 2`</failure case>\n"
                + "<failure_case>\n```\nx = 3\n```\n</failure_case>\n```\nHope this helps.";
        ParseResult r = parser.parse(messy);
        assertTrue(r.ok(), r.detail());
        assertEquals(parser.parse(CLEAN).task(), r.task());
    }

    @Test
    void keepsRelativeIndentation() {
        String text = CLEAN.replace("x = 1", "    if True:\n        y = 1\n    z = 2");
        assertEquals("if True:\n    y = 1\nz = 2", parser.parse(text).task().solution());
    }

    @Test
    void missingClosingTagBeforeNextSectionIsTolerated() {
        String text = CLEAN.replace("x = 1\n</solution>", "x = 1\n");
        ParseResult r = parser.parse(text);
        assertTrue(r.ok(), r.detail());
        assertEquals("x = 1", r.task().solution());
    }

    private void assertError(ParseError expected, String detail, String text) {
        ParseResult r = parser.parse(text);
        assertEquals(expected, r.error(), r.detail());
        assertEquals(detail, r.detail());
        assertNull(r.task());
    }

    @Test
    void rejectsWithPreciseReasons() {
        assertError(ParseError.MISSING_SECTION, "missing <solution>",
                CLEAN.replace("<solution>\nx = 1\n</solution>", ""));
        assertError(ParseError.MISSING_SECTION, "missing <instruction>", "no tags at all");
        assertError(ParseError.EMPTY_SECTION, "<evaluation_function> is empty",
                CLEAN.replace("def evaluate():\n    return True", "```python\n```"));
        assertError(ParseError.EMPTY_SECTION, "<failure_case> #2 is empty", CLEAN.replace("x = 3", "  "));
        assertError(ParseError.DUPLICATE_SECTION, "<instruction> appears 2 times",
                CLEAN + "<instruction>again</instruction>");
        assertError(ParseError.TOO_FEW_FAILURE_CASES, "0 <failure_case> section(s); at least 1 required",
                CLEAN.replaceAll("(?s)<failure_case>.*</failure_case>", ""));
        assertError(ParseError.UNCLOSED_SECTION, "<failure_case> is not closed before the end of the text",
                CLEAN + "<failure_case>\nx = ");
        String longSolution = CLEAN.replace("x = 1", "x = '" + "a".repeat(CatParser.DEFAULT_MAX_SECTION_CHARS) + "'");
        ParseResult r = parser.parse(longSolution);
        assertEquals(ParseError.SECTION_TOO_LONG, r.error());
        // "x = '" + 20000 a + "'" plus the two newlines around it: 20000 + 6 + 2
        assertEquals("<solution> has " + (CatParser.DEFAULT_MAX_SECTION_CHARS + 6 + 2) + " characters; limit 20000", r.detail());
    }

    @Test
    void minimumFailureCasesIsConfigurable() {
        CatParser paper = new CatParser(CatParser.Options.defaults().withMinFailureCases(CatParser.PAPER_FAILURE_CASES));
        ParseResult r = paper.parse(CLEAN);
        assertEquals(ParseError.TOO_FEW_FAILURE_CASES, r.error());
        assertEquals("2 <failure_case> section(s); at least 3 required", r.detail());
        assertTrue(paper.parse(CLEAN + "<failure_case>x = 4</failure_case>").ok());
        CatParser few = new CatParser(new CatParser.Options(0, 1, 100, 10_000));
        assertEquals(ParseError.TOO_MANY_FAILURE_CASES, few.parse(CLEAN).error());
        assertEquals(ParseError.TEXT_TOO_LONG, new CatParser(new CatParser.Options(1, 3, 100, 50)).parse(CLEAN).error());
    }
}
