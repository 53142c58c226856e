package org.selfchallenge.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.selfchallenge.io.InputLines;

/** {@code env m3-check} reports each unusable line and goes on; the lines after it are judged as alone. */
class M3CheckCliBadLinesTest {
    private static final String GOOD = "{\"task\": \"web_browsing/people_in_sales\", \"answer\": \"4\"}";
    private static final String GOOD_OUT = "{\"task\": \"web_browsing/people_in_sales\", \"answer\": \"4\", \"correct\": true}";

    @Test
    void deepOversizeAndNonUtf8LinesAreReportedAndSkipped(@TempDir Path dir) throws Exception {
        ByteArrayOutputStream in = new ByteArrayOutputStream();
        in.writeBytes((GOOD + "\n").getBytes(StandardCharsets.UTF_8));
        // Python's json.loads raises RecursionError on this; the JVM's stack is not the limit
        in.writeBytes(("{\"task\": \"web_browsing/people_in_sales\", \"answer\": \"4\", \"x\": " + "[".repeat(100_000)
                + "]".repeat(100_000) + "}\n").getBytes(StandardCharsets.UTF_8));
        String cut = GOOD.replace("\"4\"}", "\"4");
        in.writeBytes(cut.getBytes(StandardCharsets.UTF_8));
        in.writeBytes(new byte[] {(byte) 0xc3, (byte) 0x28, '"', '}', '\n'});
        String big = "{\"task\": \"web_browsing/people_in_sales\", \"answer\": \"" + "4".repeat(InputLines.DEFAULT_MAX_LINE_BYTES) + "\"}";
        in.writeBytes((big + "\n").getBytes(StandardCharsets.UTF_8));
        // an answer nested deeper than ast.literal_eval can parse: not the number 4, so not correct
        in.writeBytes(("{\"task\": \"web_browsing/people_in_sales\", \"answer\": \"" + "[".repeat(5000) + "\"}\n")
                .getBytes(StandardCharsets.UTF_8));
        in.writeBytes((GOOD + "\n").getBytes(StandardCharsets.UTF_8));
        Path file = Files.write(dir.resolve("answers.jsonl"), in.toByteArray());

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = M3CheckCli.run(new String[] {"--in", file.toString()}, new ByteArrayInputStream(new byte[0]),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(0, code);
        String deep = "{\"task\": \"web_browsing/people_in_sales\", \"answer\": \"" + "[".repeat(5000) + "\", \"correct\": false}";
        assertEquals(List.of(GOOD_OUT, deep, GOOD_OUT), out.toString(StandardCharsets.UTF_8).lines().toList());
        String where = "m3-check: " + file + ":";
        assertEquals(List.of(
                where + "2: not valid JSON (maximum recursion depth exceeded while decoding a JSON array from a unicode string)",
                where + "3: line is not valid UTF-8 (byte 0xc3 at byte offset " + cut.length() + ")",
                where + "4: line is " + big.length() + " bytes long, over the limit of 4194304 bytes"),
                err.toString(StandardCharsets.UTF_8).lines().toList());
    }
}
