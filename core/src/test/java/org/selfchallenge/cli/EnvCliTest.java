package org.selfchallenge.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.selfchallenge.env.Environments;
import org.selfchallenge.env.Resources;
import org.selfchallenge.pyval.PyJson;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EnvCliTest {

    record Run(int code, String out, String err) {
    }

    static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = EnvCli.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    static void assertBadArgs(String expectedInMessage, String... args) {
        Run r = run(args);
        assertEquals(2, r.code(), String.join(" ", args));
        assertTrue(r.err().contains(expectedInMessage), r.err());
    }

    @Test
    void badArguments() {
        assertBadArgs("usage", new String[0]);
        assertBadArgs("unknown command 'replai'", "replai");
        assertBadArgs("missing option --split", "replay", "--env", "retail");
        assertBadArgs("unknown split 'val' for retail; valid: train, dev, test", "replay", "--env", "retail", "--split", "val");
        assertBadArgs("unknown split 'train' for airline; valid: test", "replay", "--env", "airline", "--split", "train");
        assertBadArgs("not 'web'", "replay", "--env", "web", "--split", "test");
        assertBadArgs("unknown environment 'shop'; valid: retail, airline, calculation, web", "tools", "--env", "shop");
        assertBadArgs("option --env needs a value", "tools", "--env");
        assertBadArgs("unexpected argument '--verbose'", "tools", "--env", "retail", "--verbose", "1");
        assertBadArgs("given twice", "tools", "--env", "retail", "--env", "retail");
    }

    @Test
    @SuppressWarnings("unchecked")
    void replayDevMatchesReference(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("dev.jsonl");
        Run r = run("replay", "--env", "retail", "--split", "dev", "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        List<String> lines = Files.readAllLines(out, StandardCharsets.UTF_8);
        Map<String, Object> ref = PyJson.parseObject(Resources.readString("/conformance/taubench/retail_reference.json"));
        List<Object> dev = (List<Object>) ((Map<String, Object>) ref.get("splits")).get("dev");
        assertEquals(dev.size(), lines.size());
        for (int i = 0; i < lines.size(); i++) {
            Map<String, Object> got = PyJson.parseObject(lines.get(i));
            Map<String, Object> want = (Map<String, Object>) dev.get(i);
            assertEquals(List.of("task_index", "data_hash", "observations"), List.copyOf(got.keySet()));
            assertEquals(want.get("task_index"), got.get("task_index"));
            assertEquals(want.get("gt_data_hash"), got.get("data_hash"));
            assertEquals(want.get("gt_observations"), got.get("observations"));
        }
    }

    @Test
    void unwritableOutputNamesTheFile(@TempDir Path dir) {
        String bad = dir.resolve("missing-dir").resolve("x.jsonl").toString();
        Run r = run("replay", "--env", "retail", "--split", "dev", "--out", bad);
        assertEquals(1, r.code());
        assertTrue(r.err().contains("cannot write output file " + bad), r.err());
    }

    @Test
    @SuppressWarnings("unchecked")
    void toolsPrintsTheUpstreamSchemasInOrder() {
        Run r = run("tools", "--env", "retail");
        assertEquals(0, r.code(), r.err());
        List<Object> printed = (List<Object>) PyJson.parse(r.out());
        List<Object> upstream = (List<Object>) PyJson.parse(
                Resources.readString("/org/selfchallenge/data/taubench/retail/tools.json"));
        assertEquals(upstream, printed);
        assertEquals(16, printed.size());
    }

    @Test
    void m3CheckWithoutTheM3PortSaysSo() {
        if (Environments.isAvailable("web")) {
            return; // the M3 port is merged: its own tests cover m3-check
        }
        Run r = run("m3-check", "--in", "x.jsonl");
        assertTrue(r.code() != 0);
        assertTrue(r.err().contains("m3-check is not available in this build"), r.err());
    }
}
