package org.selfchallenge.policy.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.selfchallenge.policy.Goldens;
import org.selfchallenge.policy.TinyCheckpoints;
import org.selfchallenge.policy.model.LlamaModel;
import org.selfchallenge.policy.model.ModelOptions;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

public class ModelCliTest {
    @TempDir
    Path dir;

    public record Out(int rc, String out, String err) {
    }

    public static Out run(String... args) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        int rc = ModelCli.run(args, new PrintStream(o, true, StandardCharsets.UTF_8),
                new PrintStream(e, true, StandardCharsets.UTF_8));
        return new Out(rc, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
    }

    @Test
    void badArguments() throws Exception {
        assertEquals(2, run().rc());
        assertEquals(2, run("frobnicate").rc());
        assertEquals(2, run("init", "--config", "x.json").rc());
        assertTrue(run("init", "--config", "x.json").err().contains("missing --out"));
        Path cfg = dir.resolve("small.json");
        Files.writeString(cfg, TinyCheckpoints.config(100, 16, 1, 2, 1, true));
        Out r = run("init", "--config", cfg.toString(), "--out", dir.resolve("ck").toString());
        assertEquals(1, r.rc());
        assertTrue(r.err().contains("vocab_size 100 is smaller"), r.err());
        Files.writeString(cfg, "{\"model_type\": \"gpt2\"}");
        assertTrue(run("init", "--config", cfg.toString(), "--out", dir.resolve("ck").toString()).err()
                .contains("unsupported model_type 'gpt2'"));
    }

    @Test
    void initLogitsGenerate() throws Exception {
        Path cfg = dir.resolve("tiny.json");
        Files.writeString(cfg, TinyCheckpoints.config(300, 32, 2, 4, 2, true));
        Path ck = dir.resolve("ck");
        Out init = run("init", "--config", cfg.toString(), "--out", ck.toString(), "--seed", "4");
        assertEquals(0, init.rc(), init.err());
        assertEquals(2, run("logits", "--checkpoint", ck.toString(), "--ids", "1,x").rc());
        assertEquals(2, run("logits", "--checkpoint", ck.toString(), "--ids", "1,300").rc());
        Out lg = run("logits", "--checkpoint", ck.toString(), "--ids", "1,2,3");
        assertEquals(0, lg.rc(), lg.err());
        JsonNode j = new ObjectMapper().readTree(lg.out());
        assertEquals(3, j.get("logits").size());
        assertEquals(300, j.get("logits").get(0).size());
        try (LlamaModel m = LlamaModel.load(ck, ModelOptions.cpu())) {
            float[][] want = m.logits(new int[]{1, 2, 3});
            for (int t = 0; t < 3; t++) {
                for (int v = 0; v < 300; v++) {
                    assertEquals(want[t][v], (float) j.get("logits").get(t).get(v).asDouble(), 0f);
                }
            }
        }
        Out g = run("generate", "--checkpoint", ck.toString(), "--prompt", "hi", "--chat", "--max-new-tokens", "4",
                "--temperature", "0");
        assertEquals(0, g.rc(), g.err());
        Out g2 = run("generate", "--checkpoint", ck.toString(), "--prompt", "hi", "--chat", "--max-new-tokens", "4",
                "--temperature", "0");
        assertEquals(g.out(), g2.out());
    }

    /** The CLI path the acceptance check uses, on every golden configuration. */
    @Test
    void logitsCommandMatchesPyTorchGoldens() throws Exception {
        for (String name : Goldens.NAMES) {
            JsonNode g = Goldens.golden(name);
            int[] ids = Goldens.ints(g.get("sequences").get(0).get("tokens"));
            StringBuilder sb = new StringBuilder();
            for (int id : ids) {
                sb.append(sb.length() == 0 ? "" : ",").append(id);
            }
            Out r = run("logits", "--checkpoint", Goldens.dir(name).toString(), "--ids", sb.toString());
            assertEquals(0, r.rc(), r.err());
            JsonNode got = new ObjectMapper().readTree(r.out()).get("logits");
            for (int t = 0; t < ids.length; t++) {
                float[] want = Goldens.floats(g.get("logits").get(0).get(t));
                for (int v = 0; v < want.length; v++) {
                    assertEquals(want[v], got.get(t).get(v).asDouble(), 1e-4, name + " pos " + t + " token " + v);
                }
            }
        }
    }
}
