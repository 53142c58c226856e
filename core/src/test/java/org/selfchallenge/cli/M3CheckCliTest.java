package org.selfchallenge.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class M3CheckCliTest {
    @TempDir
    Path dir;

    record Run(int code, String out, String err) {
    }

    static Run run(String stdin, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = M3CheckCli.run(args, new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void judgesEachLineAndReportsBadOnes() throws IOException {
        Path in = dir.resolve("answers.jsonl");
        Files.writeString(in, String.join("\n",
                "{\"task\": \"trade_calculator/estimate_final_value\", \"answer\": \"161\"}",
                "{\"task\": \"web_browsing/total_price_of_selected_items_2\", \"answer\": \"380.42\"}",
                "this is not json",
                "",
                "{\"task\": \"nope/nothing\", \"answer\": \"1\"}",
                "{\"task\": \"message_decoder/hex_caesar_combined_decoding\"}",
                "[1, 2]",
                "{\"task\": \"cryptobotanists_plant_dna_sequencer/transcribe_translate_find_amino_acid\", \"answer\": \"0\"}",
                "{\"task\": \"message_decoder/hex_caesar_combined_decoding\", \"answer\": \"'KMPP'\"}\r",
                ""));
        Run r = run("", "--in", in.toString());
        assertEquals(0, r.code());
        assertEquals(String.join("\n",
                "{\"task\": \"trade_calculator/estimate_final_value\", \"answer\": \"161\", \"correct\": true}",
                "{\"task\": \"web_browsing/total_price_of_selected_items_2\", \"answer\": \"380.42\", \"correct\": false}",
                "{\"task\": \"cryptobotanists_plant_dna_sequencer/transcribe_translate_find_amino_acid\", \"answer\": \"0\", \"correct\": true}",
                "{\"task\": \"message_decoder/hex_caesar_combined_decoding\", \"answer\": \"'KMPP'\", \"correct\": true}",
                ""), r.out().replace(System.lineSeparator(), "\n"));
        String[] err = r.err().split("\\R");
        assertEquals(4, err.length, r.err());
        assertTrue(err[0].startsWith("m3-check: " + in + ":3: not valid JSON"), err[0]);
        assertEquals("m3-check: " + in + ":5: unknown task 'nope/nothing'", err[1]);
        assertEquals("m3-check: " + in + ":6: missing string field \"answer\"", err[2]);
        assertEquals("m3-check: " + in + ":7: expected a JSON object {\"task\": ..., \"answer\": ...}", err[3]);
    }

    @Test
    void nonAsciiIsEscapedLikeJsonDumps() throws IOException {
        Path in = dir.resolve("a.jsonl");
        Files.writeString(in, "{\"task\": \"web_browsing/department_of_henry_santiago\", \"answer\": \"Marketing\u00e9\"}\n");
        assertEquals("{\"task\": \"web_browsing/department_of_henry_santiago\", \"answer\": \"Marketing\\u00e9\", \"correct\": false}\n",
                run("", "--in", in.toString()).out().replace(System.lineSeparator(), "\n"));
    }

    @Test
    void stdinAndBadArguments() {
        Run r = run("{\"task\": \"web_browsing/people_in_sales\", \"answer\": \"4\"}\n", "--in", "-");
        assertEquals("{\"task\": \"web_browsing/people_in_sales\", \"answer\": \"4\", \"correct\": true}",
                r.out().strip());
        assertEquals(2, run("").code());
        assertEquals(2, run("", "--in").code());
        assertEquals(2, run("", "--bogus").code());
        Run missing = run("", "--in", dir.resolve("missing.jsonl").toString());
        assertEquals(2, missing.code());
        assertTrue(missing.err().contains("cannot read"), missing.err());
        assertEquals(2, run("", "--in", dir.toString()).code()); // a directory is unreadable as a file
        assertEquals(0, run("", "m3-check", "--in=-").code());
    }

    @Test
    void answerOnWhichTheCheckerRaisesIsReported() throws IOException {
        Path in = dir.resolve("huge.jsonl");
        Files.writeString(in, "{\"task\": \"web_browsing/people_in_sales\", \"answer\": \"0x" + "f".repeat(5000) + "\"}\n"
                + "{\"task\": \"web_browsing/people_in_sales\", \"answer\": \"" + "4".repeat(100000) + "\"}\n");
        Run r = run("", "--in", in.toString());
        assertEquals(0, r.code());
        assertTrue(r.err().startsWith("m3-check: " + in + ":1: the upstream checker raises ValueError on this answer: "
                + "Exceeds the limit (4300 digits)"), r.err());
        assertTrue(r.out().contains("\"correct\": false"), r.out()); // line 2: judged (quickly), not raised
    }
}
