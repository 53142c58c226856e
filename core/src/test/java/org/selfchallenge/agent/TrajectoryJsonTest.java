package org.selfchallenge.agent;

import org.junit.jupiter.api.Test;
import org.selfchallenge.llm.SamplingParams;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

class TrajectoryJsonTest {
    @Test
    void roundTripsEveryField() {
        Lineage lin = new Lineage("retail/test/3", "retail", "executor", "tf:ckpt-7", 42L,
                new SamplingParams(1.0, 0.95, 0, 512, 42L, List.of("</s>")), 2, "executor.v1", "openai:http://u#sim");
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("final_answer", "1.5");
        info.put("hash_match", true);
        Trajectory t = new Trajectory(Trajectory.idFor("retail/test/3", 2, 42L), lin, List.of(
                Turn.context("system", "system", "policy"),
                Turn.context("user", "user", "hi"),
                new Turn("assistant", "code", "```python\nprint(1)\n```", new int[]{5, 6}, new float[]{-0.5f, -0.25f},
                        true, "stop", List.of()),
                Turn.observation("1\n", List.of(new Turn.ToolCall("get_user_details", "{\"user_id\": \"u1\"}", "{}")))),
                1.0, "user_stop", info);
        String json = TrajectoryJson.write(t);
        Trajectory back = TrajectoryJson.read(json);
        assertEquals("retail/test/3#2@42", back.id());
        assertEquals(lin, back.lineage());
        assertEquals(4, back.turns().size());
        Turn code = back.turns().get(2);
        assertArrayEquals(new int[]{5, 6}, code.tokenIds());
        assertArrayEquals(new float[]{-0.5f, -0.25f}, code.logprobs());
        assertTrue(code.policy());
        assertEquals(1, back.policyTurns());
        assertEquals("get_user_details", back.turns().get(3).toolCalls().get(0).name());
        assertEquals(1.0, back.reward());
        assertEquals("user_stop", back.outcome());
        assertEquals(info, back.info());
        assertEquals(json, TrajectoryJson.write(back));
    }

    @Test
    void unknownFieldsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> TrajectoryJson.read("{\"id\":\"x\",\"bogus\":1}"));
    }
}
