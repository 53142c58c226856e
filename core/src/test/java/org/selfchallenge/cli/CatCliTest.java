package org.selfchallenge.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.selfchallenge.cat.RetailTasks;
import static org.junit.jupiter.api.Assertions.assertEquals;

class CatCliTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void verifiesJsonLinesInOrder(@TempDir Path dir) throws Exception {
        Path in = dir.resolve("in.jsonl");
        Path out = dir.resolve("out.jsonl");
        Files.write(in, List.of(
                JSON.writeValueAsString(Map.of("id", "a", "text", RetailTasks.valid())),
                "this is not json",
                JSON.writeValueAsString(Map.of("id", "c", "text", "<instruction>only</instruction>")),
                JSON.writeValueAsString(Map.of("id", "d", "text", RetailTasks.withSolution(RetailTasks.WRONG_ITEM)))));
        int rc = CatCli.run(new String[] {"verify", "--env", "retail", "--in", in.toString(), "--out", out.toString(),
            "--timeout-ms", "1500", "--workers", "2"});
        assertEquals(0, rc);
        List<String> lines = Files.readAllLines(out);
        assertEquals(4, lines.size());
        JsonNode a = JSON.readTree(lines.get(0));
        assertEquals("a", a.get("id").asText());
        assertEquals(true, a.get("valid").asBoolean());
        assertEquals("VALID", a.get("reason").asText());
        assertEquals(9, a.get("runs").size());
        JsonNode b = JSON.readTree(lines.get(1));
        assertEquals("PARSE_ERROR", b.get("reason").asText());
        assertEquals("input line 2 is not JSON (Unrecognized token 'this': was expecting (JSON String, Number, Array, "
                + "Object or token 'null', 'true' or 'false'))", b.get("detail").asText());
        assertEquals("PARSE_ERROR", JSON.readTree(lines.get(2)).get("reason").asText());
        assertEquals("SOLUTION_REJECTED", JSON.readTree(lines.get(3)).get("reason").asText());
    }

    @Test
    void badArgumentsGiveExitCode2(@TempDir Path dir) throws Exception {
        Path in = Files.writeString(dir.resolve("in.jsonl"), "");
        assertEquals(2, CatCli.run(new String[] {}));
        assertEquals(2, CatCli.run(new String[] {"verify", "--in", in.toString()}));
        assertEquals(2, CatCli.run(new String[] {"verify", "--env", "nowhere", "--in", in.toString()}));
        assertEquals(2, CatCli.run(new String[] {"verify", "--env", "retail", "--in", dir.resolve("missing").toString()}));
        assertEquals(2, CatCli.run(new String[] {"verify", "--env", "retail", "--in", in.toString(), "--timeout-ms", "0"}));
    }
}
