package org.selfchallenge.agent;

import org.junit.jupiter.api.Test;
import org.selfchallenge.llm.ChatRequest;
import org.selfchallenge.llm.SamplingParams;
import org.selfchallenge.llm.ScriptedChatModel;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class UserSimulatorTest {
    private static final SamplingParams SIM = new SamplingParams(0.0, 1.0, 0, 128, 0L, List.of());

    @Test
    void followsTheTauBenchProtocolAndStopsOnStopToken() {
        ScriptedChatModel m = ScriptedChatModel.of("I'd like to cancel an order.", "It is order #W2378156.",
                "Thanks, that's all. ###STOP###");
        UserSimulator.Conversation c = new UserSimulator(m, SIM).start("You are Yusuf Rossi. Cancel #W2378156.", 100L);
        assertEquals("I'd like to cancel an order.", c.opening());
        assertFalse(c.stopped());
        assertEquals("It is order #W2378156.", c.reply("Sure, which order?"));
        assertFalse(c.stopped());
        assertEquals("Thanks, that's all. ###STOP###", c.reply("Done, it is cancelled."));
        assertTrue(c.stopped());
        assertThrows(IllegalStateException.class, () -> c.reply("anything else?"));

        List<ChatRequest> seen = m.seen();
        assertEquals(3, seen.size());
        ChatRequest first = seen.get(0);
        assertEquals("system", first.messages().get(0).role());
        assertTrue(first.messages().get(0).content().contains("Instruction: You are Yusuf Rossi. Cancel #W2378156."));
        assertTrue(first.messages().get(0).content().contains("###STOP###"));
        assertEquals("user", first.messages().get(1).role());
        assertEquals("Hi! How can I help you today?", first.messages().get(1).content());
        // roles flipped: the agent's messages are "user", the simulator's own replies "assistant"
        ChatRequest third = seen.get(2);
        assertEquals(List.of("system", "user", "assistant", "user", "assistant", "user"),
                third.messages().stream().map(x -> x.role()).toList());
        assertEquals("Done, it is cancelled.", third.messages().get(5).content());
        // turn t samples with seed + t; temperature etc. held fixed
        assertEquals(List.of(100L, 101L, 102L), seen.stream().map(r -> r.params().seed()).toList());
        assertTrue(seen.stream().allMatch(r -> r.params().temperature() == 0.0 && r.params().maxNewTokens() == 128));
    }

    @Test
    void stopTokenAnywhereCounts() {
        ScriptedChatModel m = ScriptedChatModel.of("###STOP###");
        UserSimulator.Conversation c = new UserSimulator(m, SIM).start("x", 0L);
        assertTrue(c.stopped());
    }
}
