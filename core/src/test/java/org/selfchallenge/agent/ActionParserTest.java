package org.selfchallenge.agent;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

class ActionParserTest {
    @Test
    void firstPythonBlockIsTheCodeAction() {
        Action a = ActionParser.parse("Let me look.\n```python\nprint(get_user_details(user_id=\"u1\"))\n```\nthen"
                + "\n```python\nprint(2)\n```");
        Action.Code c = assertInstanceOf(Action.Code.class, a);
        assertEquals("print(get_user_details(user_id=\"u1\"))\n", c.code());
        assertTrue(c.extraBlocksIgnored());
        assertEquals("x = 1\n", ((Action.Code) ActionParser.parse("```Py\nx = 1\n```")).code());
        assertFalse(((Action.Code) ActionParser.parse("```python3\nx = 1\n```")).extraBlocksIgnored());
    }

    @Test
    void messagesAndAnswers() {
        Action.Say s = assertInstanceOf(Action.Say.class, ActionParser.parse("  Your order is cancelled.  "));
        assertEquals("Your order is cancelled.", s.text());
        assertEquals("Your order is cancelled.", s.answer());
        Action.Say a = assertInstanceOf(Action.Say.class, ActionParser.parse("Thought: done.\nAnswer: 161.25\n"));
        assertEquals("161.25", a.answer());
        // only the first answer counts, as upstream
        assertEquals("1", ((Action.Say) ActionParser.parse("Answer: 1 Answer: 2")).answer());
        // a fence in another language is not a code action
        assertInstanceOf(Action.Say.class, ActionParser.parse("```json\n{}\n```"));
    }

    @Test
    void malformedReplies() {
        assertTrue(((Action.Malformed) ActionParser.parse("   ")).reason().contains("empty"));
        assertTrue(((Action.Malformed) ActionParser.parse("```python\nprint(1)\n")).reason().contains("not closed"));
        assertTrue(((Action.Malformed) ActionParser.parse("```python\n\n```")).reason().contains("code block was empty"));
        assertTrue(((Action.Malformed) ActionParser.parse("Answer: 3\n```python\nprint(3)\n```")).reason()
                .contains("both code and 'Answer:'"));
    }
}
