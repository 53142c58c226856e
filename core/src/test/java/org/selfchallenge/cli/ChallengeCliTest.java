package org.selfchallenge.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.selfchallenge.agent.ChallengerExamples;
import org.selfchallenge.cat.Verdict;
import org.selfchallenge.cat.Verifier;
import static org.junit.jupiter.api.Assertions.*;

/**
 * {@code challenge} end to end: the policy is an OpenAI-compatible server on 127.0.0.1 (started here,
 * scripted by the number of assistant turns in the request), episodes run in the real sandbox, and
 * the output lines are verified by the real CaT verifier.
 */
class ChallengeCliTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void writesCatLinesThatVerify(@TempDir Path dir) throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", ex -> {
            JsonNode req = JSON.readTree(ex.getRequestBody().readAllBytes());
            long assistantTurns = 0;
            for (JsonNode m : req.get("messages")) if (m.get("role").asText().equals("assistant")) assistantTurns++;
            String text = assistantTurns == 0
                    ? "```python\nprint(convert_hex_to_ascii('48656c6c6f20576f726c64'))\n```"
                    : ChallengerExamples.catText("calculation");
            byte[] body = JSON.writeValueAsBytes(JSON.createObjectNode().set("choices", JSON.createArrayNode().add(
                    JSON.createObjectNode().set("message", JSON.createObjectNode().put("content", text)))));
            ex.sendResponseHeaders(200, body.length);
            ex.getResponseBody().write(body);
            ex.close();
        });
        server.start();
        try {
            Path file = dir.resolve("cat.jsonl");
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            int rc = ChallengeCli.run(new String[]{"--env", "calculation", "--model",
                    "openai:http://127.0.0.1:" + server.getAddress().getPort() + "/v1#challenger-test", "--n", "3",
                    "--out", file.toString(), "--seed", "5", "--threads", "2"},
                    new PrintStream(out, true, StandardCharsets.UTF_8), System.err);
            assertEquals(0, rc);
            List<String> lines = Files.readAllLines(file);
            assertEquals(3, lines.size());
            for (int i = 0; i < 3; i++) {
                JsonNode o = JSON.readTree(lines.get(i));
                assertEquals("challenge/calculation/5/" + i, o.get("id").asText());
                assertEquals("task", o.get("outcome").asText());
                assertEquals(1, o.get("explore_turns").asInt());
                assertEquals("Hello World\n", o.get("trace").get("turns").get(3).get("text").asText());
                Verdict v = Verifier.verify("calculation", o.get("text").asText());
                assertTrue(v.valid(), v.reason() + " " + v.detail());
            }
            assertTrue(out.toString(StandardCharsets.UTF_8).contains("3 episodes, 3 wrote a task section"));

            // the file is the input of `cat verify` as it is
            Path verdicts = dir.resolve("verdicts.jsonl");
            assertEquals(0, CatCli.run(new String[]{"verify", "--env", "calculation", "--in", file.toString(), "--out",
                    verdicts.toString(), "--workers", "1"}));
            List<String> vs = Files.readAllLines(verdicts);
            assertEquals(3, vs.size());
            for (String v : vs) assertTrue(JSON.readTree(v).get("valid").asBoolean(), v);
        } finally {
            server.stop(0);
        }
    }

    @Test
    void badArgumentsExitWith2() {
        PrintStream sink = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        assertEquals(2, ChallengeCli.run(new String[]{"--env", "retail", "--model", "openai:http://h#m"}, sink, sink));
        assertEquals(2, ChallengeCli.run(new String[]{"--env", "mars", "--model", "x", "--n", "1", "--out", "f"}, sink,
                sink));
        assertEquals(2, ChallengeCli.run(new String[]{"--env", "retail", "--model", "bogus", "--n", "1", "--out",
                "/tmp/x.jsonl"}, sink, sink));
    }
}
