package org.selfchallenge.spark.stage;

import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.selfchallenge.agent.Trajectory;
import org.selfchallenge.agent.TrajectoryJson;
import org.selfchallenge.agent.Turn;
import org.selfchallenge.spark.component.ScriptedComponents;
import org.selfchallenge.spark.config.ConfigLoader;
import org.selfchallenge.spark.config.PipelineConfig;
import org.selfchallenge.spark.io.TrajectoryRecord;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The solve stage's executor path ({@link Episodes#run}, as each Spark task runs it) with the scripted
 * test doubles: a retail task is played through the simulated user (solve.user-model = policy, the
 * default), a calculation task still reads its instruction directly.
 */
class SolveUserEpisodesTest {
    @TempDir
    Path dir;

    private static final String INSTRUCTION = "You are yusuf_rossi_9620 and want to know your zip code.";
    /** ScriptedComponents.ScriptedUser: opening restates the prompt's instruction line, then it stops. */
    private static final String OPENING = "Hi! I need this: " + INSTRUCTION;
    private static final String STOP_REPLY = "Thanks, that is all. ###STOP###";
    /** The scripted policy's reply for an even sample of a skill-0 policy. */
    private static final String POLICY_REPLY = "Answer: no idea";

    @Test
    void retailEpisodesGoThroughTheSimulatedUserAndCalculationEpisodesDoNot() throws Exception {
        Path conf = dir.resolve("retail.conf");
        Files.writeString(conf, String.join("\n",
                "selfchallenge {",
                "  envs = [retail, calculation]",
                "  components = \"" + ScriptedComponents.class.getName() + "\"",
                "  solve { envs = [retail, calculation], max-turns = 3 }",
                "}"));
        PipelineConfig cfg = ConfigLoader.load(conf.toFile(), Map.of());
        assertEquals("policy", cfg.solveUserModel);
        Path policy = Files.createDirectories(dir.resolve("policy"));
        Files.writeString(policy.resolve(ScriptedComponents.SKILL_FILE), "0");

        List<Episodes.Item> items = List.of(
                new Episodes.Item("retail-pass", "retail", INSTRUCTION, "def evaluate():\n    return True", "print(1)",
                        0, 5L, 1),
                new Episodes.Item("retail-fail", "retail", INSTRUCTION, "def evaluate():\n    return False", "print(1)",
                        0, 6L, 1),
                new Episodes.Item("calc", "calculation", "Submit the text ab.",
                        "def evaluate():\n    return final_answer() == \"ab\"", "submit_answer(\"ab\")", 0, 7L, 1));
        List<TrajectoryRecord> recs = Episodes.run(cfg, cfg.solveSampling, policy.toUri().toString(), "scripted-skill-0",
                items, new Configuration(), null);

        for (int i = 0; i < 2; i++) {
            TrajectoryRecord r = recs.get(i);
            Trajectory t = TrajectoryJson.read(r.getTurns());
            List<Turn> turns = t.turns();
            assertEquals(List.of("system", "user", "assistant", "user"), turns.stream().map(Turn::role).toList());
            assertEquals(List.of("system", "user", "message", "user"), turns.stream().map(Turn::kind).toList());
            assertEquals(OPENING, turns.get(1).text());        // first user message comes from the simulator
            assertEquals(POLICY_REPLY, turns.get(2).text());
            assertEquals(STOP_REPLY, turns.get(3).text());      // ###STOP### ends the episode before max-turns 3
            assertEquals("user_stop", t.outcome());
            assertEquals("scripted-user", t.lineage().userModelId());
            assertTrue(r.getLineage().contains("\"outcome\":\"user_stop\""), r.getLineage());
            // ByteEncoder: one token per byte; only the policy's 15 bytes are trainable
            int userBytes = STOP_REPLY.getBytes(StandardCharsets.UTF_8).length;
            assertEquals(POLICY_REPLY.length(), r.policyTokenCount());
            byte[] mask = r.getLossMask();
            for (int j = mask.length - userBytes; j < mask.length; j++) {
                assertEquals(0, mask[j], "user-turn token " + j + " must have loss mask 0");
            }
        }
        assertEquals(1.0f, recs.get(0).getReward());   // evaluate() returns True after the user stopped
        assertEquals(0.0f, recs.get(1).getReward());   // evaluate() returns False

        Trajectory calc = TrajectoryJson.read(recs.get(2).getTurns());
        assertEquals(List.of("system", "user", "assistant"), calc.turns().stream().map(Turn::role).toList());
        assertEquals("Instruction: Submit the text ab.", calc.turns().get(1).text());
        assertEquals("answered", calc.outcome());
        assertEquals(0.0f, recs.get(2).getReward());   // "no idea" is not "ab"
    }
}
