package org.selfchallenge.bench.m3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.selfchallenge.env.calculation.PyToolbox;

class M3ProtocolTest {
    static final M3Task TRADE = M3Tasks.get().byName("trade_calculator/estimate_final_value");

    static PyToolbox tools(M3Task t) {
        return M3Task.toolbox(t.newEnvironment());
    }

    @Test
    void executeNonCode() {
        PyToolbox tb = tools(TRADE);
        assertEquals("Cound not find tool with name nope", M3Protocol.executeNonCode(tb, "nope", List.of()));
        assertEquals("161.25", M3Protocol.executeNonCode(tb, "estimate_final_value", List.of(150L, 11.25)));
        assertEquals("Failed to execute tool estimate_final_value with args (1, 'a'). Did you try to invoke more than one "
                + "tool at a time?", M3Protocol.executeNonCode(tb, "estimate_final_value", List.of(1L, "a")));
        assertEquals("Failed to execute tool convert_currency with args (1,). Did you try to invoke more than one "
                + "tool at a time?", M3Protocol.executeNonCode(tb, "convert_currency", List.of(1L)));
        // the calculator never raises: its own failure text is the observation
        assertEquals("Failed to evaluate expression: 1/0", M3Protocol.executeNonCode(tb, "calculator", List.of("1/0")));
    }

    @Test
    void truncatesAt2000Characters() {
        PyToolbox tb = tools(TRADE);
        String out = M3Protocol.executeNonCode(tb, "convert_currency", List.of("ab", 1500L)); // 3000 chars
        assertEquals("ab".repeat(1000) + "...\n[Output Truncated]", out);
        assertEquals("x".repeat(2000), M3Protocol.truncate("x".repeat(2000)));
    }

    @Test
    void textActions() {
        M3Protocol.ActionCall c = M3Protocol.parseTextAction(" find_flights, \"E\", \"A\", 2023-12-25 ");
        assertEquals("find_flights", c.tool());
        assertEquals(List.of("\"E\"", "\"A\"", "2023-12-25"), c.args());
        // each argument is int, then float, then str
        assertEquals(List.of(150L, 7.5, "x"), M3Protocol.parseTextAction("calculate_tariff, 150, 7.5, x").args());
        M3Task travel = M3Tasks.get().byName("travel_itinerary_planning/plan_trip_to_0");
        assertEquals("1050", M3Protocol.executeAction(tools(travel), "budget_calculator, 450, 120, 5",
                M3Protocol.ActionMode.TEXT_AS_ACTION));
        // commas split expressions: calculator receives two arguments
        assertTrue(M3Protocol.executeAction(tools(TRADE), "calculator, max(1, 2)", M3Protocol.ActionMode.TEXT_AS_ACTION)
                .startsWith("Failed to execute tool calculator with args ('max(1', '2)')"));
    }

    @Test
    void jsonActions() {
        assertEquals("7.5", M3Protocol.executeAction(tools(TRADE), "{\"tool\": \"calculator\", \"args\": \"(10 + 5) * 0.5\"}",
                M3Protocol.ActionMode.JSON_AS_ACTION));
        assertTrue(M3Protocol.executeAction(tools(TRADE), "{\"tool\": 1", M3Protocol.ActionMode.JSON_AS_ACTION)
                .startsWith("Invalid action. You should output a JSON object with the following fields:"));
    }

    @Test
    void parseGeneration() {
        M3Protocol.Parsed p = M3Protocol.parseGeneration("Thought: done. Answer:  161.25 ");
        assertEquals("answer", p.type());
        assertEquals("161.25", p.content());
        assertNull(p.extraInfo());
        p = M3Protocol.parseGeneration("Action: view End Action");
        assertEquals("action", p.type());
        assertEquals("view ", p.content());
        assertEquals("invalid", M3Protocol.parseGeneration("Answer: 1 Action: view").type());
        assertEquals(M3Protocol.INVALID_NEITHER, M3Protocol.parseGeneration("hello").content());
        p = M3Protocol.parseGeneration("Answer: 1\nAnswer: 2");
        assertEquals("1", p.content());
        assertEquals(M3Protocol.MORE_THAN_ONE_ANSWER, p.extraInfo());
        assertEquals("161.25\n*Extra reminder: x", M3Protocol.withReminder("161.25", "x"));
    }

    @Test
    void postprocessKeepsTheFirstBlock() {
        assertEquals("Action: view End Action",
                M3Protocol.postprocess("  Action: view End Action\nObservation: ...\nAction: scroll_down End Action"));
        assertEquals("Thought: a\nAction: view", M3Protocol.postprocess("Thought: a\nAction: view\nThought: b\nAnswer: 3"));
        assertEquals("Answer: 3", M3Protocol.postprocess("Answer: 3"));
    }

    @Test
    void prompt() {
        String p = M3Protocol.prompt(TRADE, tools(TRADE), M3Protocol.ActionMode.TEXT_AS_ACTION);
        assertTrue(p.startsWith("You have access to the following tools:\n[1] convert_currency: Converts the commodity price "
                + "to local currency. Arguments: base_price (float), conversion_rate (float)\n    Signature: "
                + "convert_currency(base_price: float, conversion_rate: float) -> float\n[2] calculate_tariff: "), p);
        assertTrue(p.contains("\n\nYou can use the tools by outputing the tool name followed by its arguments, delimited by commas.\n"));
        assertTrue(p.contains("\nNow, let's get started!\n\nInstruction: Estimate the final trade value for a price of 150 units "
                + "with a tariff of 7.5 units.\nYou can optionally express"));
        assertTrue(p.endsWith("\nPlease ONLY output the answer (e.g., single number), without any other text."));
    }
}
