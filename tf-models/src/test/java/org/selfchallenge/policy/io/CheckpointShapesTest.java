package org.selfchallenge.policy.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.selfchallenge.policy.TinyCheckpoints;

/** A config that does not describe its weights is refused by field, from the headers, before any allocation. */
class CheckpointShapesTest {
    @TempDir
    Path dir;

    private String refused(String from, String to) throws Exception {
        Path ck = TinyCheckpoints.write(dir.resolve("ck"), TinyCheckpoints.config(300, 32, 2, 4, 2, false), 1, 0.02);
        Path cfg = ck.resolve(HfCheckpoint.CONFIG);
        String json = Files.readString(cfg);
        assertTrue(json.contains(from), json);
        Files.writeString(cfg, json.replace(from, to));
        long t0 = System.nanoTime();
        String msg = assertThrows(IllegalArgumentException.class, () -> HfCheckpoint.config(ck)).getMessage();
        assertTrue(System.nanoTime() - t0 < 2_000_000_000L, "took " + (System.nanoTime() - t0) / 1e6 + " ms");
        return msg;
    }

    @Test
    void layersHeadsAndSizesMustMatchTheWeights() throws Exception {
        assertEquals("config.json: num_hidden_layers is 1000000 but the weights hold 2 layers",
                refused("\"num_hidden_layers\" : 2", "\"num_hidden_layers\" : 1000000"));
        assertEquals("config.json: num_key_value_heads * head_dim, hidden_size give model.layers.0.self_attn.k_proj"
                + ".weight the shape [32, 32], the weights have [16, 32]",
                refused("\"num_key_value_heads\" : 2", "\"num_key_value_heads\" : 4"));
        assertEquals("config.json: vocab_size, hidden_size give model.embed_tokens.weight the shape [301, 32], the "
                + "weights have [300, 32]", refused("\"vocab_size\" : 300", "\"vocab_size\" : 301"));
        assertEquals("config.json: intermediate_size, hidden_size give model.layers.0.mlp.gate_proj.weight the shape "
                + "[65, 32], the weights have [64, 32]", refused("\"intermediate_size\" : 64", "\"intermediate_size\" : 65"));
    }
}
