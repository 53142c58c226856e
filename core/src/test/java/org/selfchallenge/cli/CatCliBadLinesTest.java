package org.selfchallenge.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.selfchallenge.cat.RetailTasks;
import org.selfchallenge.cat.VerifierTest;
import org.selfchallenge.io.InputLines;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code cat verify} over a file mixing good and bad lines: every line gets its own outcome, in order, and
 * the good ones verify exactly as they do alone.
 */
class CatCliBadLinesTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static byte[] line(String s) {
        return (s + "\n").getBytes(StandardCharsets.UTF_8);
    }

    private static String task(String id, String text) throws Exception {
        return JSON.writeValueAsString(Map.of("id", id, "text", text));
    }

    @Test
    void eachBadLineIsItsOwnOutcome(@TempDir Path dir) throws Exception {
        String valid = task("a", RetailTasks.valid());
        // print() of a lone surrogate: its text has no UTF-8 form, yet it is the run's stdout
        String surrogate = task("s", RetailTasks.withSolution("print('\\ud800')\n" + RetailTasks.SOLUTION));
        int oversize = InputLines.DEFAULT_MAX_LINE_BYTES + 100;
        String huge = "{\"id\": \"h\", \"text\": \"" + "x".repeat(oversize - 23) + "\"}";
        assertEquals(oversize, huge.length());
        ByteArrayOutputStream in = new ByteArrayOutputStream();
        in.write(line(valid));
        in.write(line(surrogate));
        // {"id": "u", "text": "<0xff>"}: not UTF-8
        in.write("{\"id\": \"u\", \"text\": \"".getBytes(StandardCharsets.UTF_8));
        in.write(new byte[] {(byte) 0xff, '"', '}', '\n'});
        in.write(line(huge));
        in.write(line("[1, 2]"));
        in.write(line("{\"id\": \"n\"}"));
        in.write(line("{\"id\": \"t\", \"text\": 5}"));
        in.write(line("{\"id\": \"d\", \"text\": " + "[".repeat(5000) + "]".repeat(5000) + "}"));
        in.write(line(valid));
        Path input = Files.write(dir.resolve("in.jsonl"), in.toByteArray());
        Path out = dir.resolve("out.jsonl");

        int rc = CatCli.run(new String[] {"verify", "--env", "retail", "--in", input.toString(), "--out", out.toString(),
            "--timeout-ms", "1500", "--workers", "2"});
        assertEquals(0, rc);
        List<String> lines = Files.readAllLines(out, StandardCharsets.UTF_8);
        assertEquals(9, lines.size());
        List<String> reasons = lines.stream().map(l -> read(l).get("reason").asText()).toList();
        assertEquals(List.of("VALID", "VALID", "PARSE_ERROR", "PARSE_ERROR", "PARSE_ERROR", "PARSE_ERROR",
                "PARSE_ERROR", "PARSE_ERROR", "VALID"), reasons);

        JsonNode s = read(lines.get(1));
        assertEquals("\ud800\n", s.get("runs").get(1).get("stdout").asText());
        assertTrue(lines.get(1).contains("\"stdout\":\"\\ud800\\n\""), lines.get(1));
        assertEquals("input line 3 is not valid UTF-8 (byte 0xff at byte offset 21)", detail(lines.get(2)));
        assertEquals("input line 4 is " + oversize + " bytes long, over the limit of 4194304 bytes", detail(lines.get(3)));
        assertEquals("input line 5 is not a JSON object", detail(lines.get(4)));
        assertEquals("input line 6 has no field \"text\"", detail(lines.get(5)));
        assertEquals("n", read(lines.get(5)).get("id").asText());
        assertEquals("input line 7 has a \"text\" that is not a string", detail(lines.get(6)));
        assertEquals("input line 8 is not JSON (Document nesting depth (1001) exceeds the maximum allowed (1000, from "
                + "`StreamReadConstraints.getMaxNestingDepth()`))", detail(lines.get(7)));
        // the line after the bad ones verifies exactly as the first, and as alone
        assertEquals(VerifierTest.strip(lines.get(0)), VerifierTest.strip(lines.get(8)));
    }

    private static JsonNode read(String line) {
        try {
            return JSON.readTree(line);
        } catch (Exception e) {
            throw new AssertionError(line, e);
        }
    }

    private static String detail(String line) {
        return read(line).get("detail").asText();
    }
}
