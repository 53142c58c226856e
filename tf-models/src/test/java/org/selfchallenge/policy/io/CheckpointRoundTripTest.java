package org.selfchallenge.policy.io;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.selfchallenge.policy.Goldens;
import org.selfchallenge.policy.config.LlamaConfig;
import org.selfchallenge.policy.model.LlamaModel;
import org.selfchallenge.policy.model.ModelOptions;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** load → save → load gives identical logits (single file, sharded, BF16 stored values kept exactly). */
class CheckpointRoundTripTest {
    @TempDir
    Path dir;

    @Test
    void loadSaveLoadIdenticalLogits() throws Exception {
        Path src = Goldens.dir("llama_gqa_rope3_bf16");
        int[] ids = {3, 1, 4, 1, 5, 9, 2, 6};
        float[][] before;
        try (LlamaModel m = LlamaModel.load(src, ModelOptions.cpu())) {
            before = m.logits(ids);
            LlamaConfig c = m.config;
            // BF16 again (values are BF16-exact), and F32 sharded into ~8 KB files with an index
            HfCheckpoint.write(dir.resolve("bf16"), c, m.weights(), DType.BF16, HfCheckpoint.DEFAULT_MAX_SHARD_BYTES, src);
            HfCheckpoint.write(dir.resolve("sharded"), c, m.weights(), DType.F32, 8192, src);
        }
        assertTrue(Files.isRegularFile(dir.resolve("sharded").resolve(HfCheckpoint.INDEX)));
        for (String v : new String[]{"bf16", "sharded"}) {
            try (LlamaModel m = LlamaModel.load(dir.resolve(v), ModelOptions.cpu())) {
                float[][] after = m.logits(ids);
                for (int t = 0; t < ids.length; t++) {
                    assertArrayEquals(before[t], after[t], 0f, v + " position " + t);
                }
            }
        }
        Map<String, TensorData> a = HfCheckpoint.readWeights(src);
        Map<String, TensorData> b = HfCheckpoint.readWeights(dir.resolve("sharded"));
        for (String n : a.keySet()) {
            assertArrayEquals(a.get(n).data(), b.get(n).data(), 0f, n);
        }
    }
}
