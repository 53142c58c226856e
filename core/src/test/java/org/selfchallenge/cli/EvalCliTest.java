package org.selfchallenge.cli;

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
    void severalEnvironmentsGetTheirOwnDirsAndAnAverage(@TempDir Path dir) throws Exception {
        assertEquals(0, run("--env", "airline,calculation", "--policy", "noop", "--samples", "1", "--limit", "16",
                "--out", dir.toString()));
        ObjectMapper m = new ObjectMapper();
        // airline test tasks 0-15: tasks 12, 13 and 15 leave the data unchanged and need no outputs
        // (upstream reference vectors); noop never answers a calculation task correctly
        JsonNode air = m.readTree(dir.resolve("airline/summary.json").toFile());
        JsonNode calc = m.readTree(dir.resolve("calculation/summary.json").toFile());
        assertEquals(16, air.get("tasks").asInt());
        assertEquals(3.0 / 16, air.get("pass_at_1").asDouble(), 1e-12);
        assertEquals(0.0, calc.get("pass_at_1").asDouble());
        JsonNode avg = m.readTree(dir.resolve("summary.json").toFile());
        assertEquals(32, avg.get("tasks").asInt());
        assertEquals((3.0 / 16 + 0.0) / 2, avg.get("pass_at_1").asDouble(), 1e-12);
        assertEquals(2, avg.get("per_env").size());
        assertEquals("airline", avg.get("env").get(0).asText());
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("average"));
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
        assertEquals(2, run("--env", "retail,mars", "--policy", "noop"));
    }
}
