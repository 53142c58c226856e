package org.selfchallenge.agent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class EvalCliTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return EvalCli.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void goldReplayOnWebWritesResultsAndSummary(@TempDir Path dir) throws Exception {
        assertEquals(0, run("--env", "web", "--policy", "gold-replay", "--samples", "2", "--out", dir.toString(),
                "--threads", "2"));
        JsonNode s = new ObjectMapper().readTree(dir.resolve("summary.json").toFile());
        assertEquals("web", s.get("env").asText());
        assertEquals("test", s.get("split").asText());
        assertEquals(34, s.get("tasks").asInt());
        assertEquals(2, s.get("samples").asInt());
        assertEquals(1.0, s.get("pass_at_1").asDouble());
        assertEquals(1.0, s.get("pass_at_k").asDouble());
        List<String> lines = Files.readAllLines(dir.resolve("results.jsonl"));
        assertEquals(34, lines.size());
        JsonNode first = new ObjectMapper().readTree(lines.get(0));
        assertEquals("web/test/web_browsing/price_of_legendary_wand", first.get("task_id").asText());
        assertEquals(2, first.get("correct").asInt());
        assertEquals(68, Files.readAllLines(dir.resolve("trajectories.jsonl")).size());
        String table = out.toString(StandardCharsets.UTF_8);
        assertTrue(table.contains("web          test       34        2   100.0%   100.0%"), table);
    }

    @Test
    void noopOnCalculationScoresZero(@TempDir Path dir) throws Exception {
        assertEquals(0, run("--env", "calculation", "--policy", "noop", "--samples", "1", "--out", dir.toString(),
                "--limit", "5"));
        JsonNode s = new ObjectMapper().readTree(dir.resolve("summary.json").toFile());
        assertEquals(5, s.get("tasks").asInt());
        assertEquals(0.0, s.get("pass_at_1").asDouble());
    }

    @Test
    void badArgumentsExitWith2() {
        assertEquals(2, run("--policy", "gold-replay"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("--env is required"));
        assertEquals(2, run("--env", "retail"));
        assertEquals(2, run("--env", "retail", "--policy", "oracle"));
        assertEquals(2, run("--env", "mars", "--policy", "noop"));
        assertEquals(2, run("--env", "retail", "--policy", "noop", "--samples", "0"));
        assertEquals(2, run("--env", "retail", "--model", "nonsense:spec"));
        assertEquals(2, run("--env", "airline", "--policy", "noop", "--split", "train"));
    }
}
