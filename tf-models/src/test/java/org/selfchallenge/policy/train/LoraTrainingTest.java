package org.selfchallenge.policy.train;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.selfchallenge.llm.SamplingParams;
import org.selfchallenge.policy.TinyCheckpoints;
import org.selfchallenge.policy.config.LlamaConfig;
import org.selfchallenge.policy.io.BaseReference;
import org.selfchallenge.policy.io.DType;
import org.selfchallenge.policy.io.HfCheckpoint;
import org.selfchallenge.policy.io.PeftAdapter;
import org.selfchallenge.policy.io.Safetensors;
import org.selfchallenge.policy.io.TensorData;
import org.selfchallenge.policy.model.LlamaModel;
import org.selfchallenge.policy.model.Lora;
import org.selfchallenge.policy.model.ModelOptions;
import org.selfchallenge.policy.model.RandomInit;
import org.selfchallenge.policy.sample.Generation;
import org.selfchallenge.policy.sample.Generator;
import org.selfchallenge.policy.tokenizer.ByteLevelTokenizerFiles;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * LoRA training checked against arithmetic done here, not by the trainer: with B = 0 the adapted model is
 * the base model; the adapter gradients follow from the full weight gradient (dL/dB = s G A^T, dL/dA = 0,
 * where G = dL/dW); one AdamW step moves B by lr·g/(|g| + eps) and nothing else; exports hold W + s B A.
 */
class LoraTrainingTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String Q0 = "model.layers.0.self_attn.q_proj";
    private static final String DOWN1 = "model.layers.1.mlp.down_proj";
    private static final Lora LORA = new Lora(4, 8, List.of("q_proj", "v_proj", "down_proj"));

    @TempDir
    Path dir;

    private Path checkpoint() throws Exception {
        return TinyCheckpoints.write(dir.resolve("base"), TinyCheckpoints.config(300, 32, 2, 4, 2, false), 3, 0.1);
    }

    private static TrainConfig.Builder cfg() {
        return TrainConfig.builder().algorithm(Algorithm.SFT).learningRate(1e-2).microBatchSize(8).seed(5)
                .threads(2, 1);
    }

    private static final int[][] SEQS = {{1, 7, 42, 9, 100, 3}, {5, 250, 17, 17}};

    private static List<TrainSequence> batch() {
        List<TrainSequence> b = new ArrayList<>();
        for (int[] s : SEQS) {
            boolean[] mask = new boolean[s.length];
            for (int t = 1; t < s.length; t++) {
                mask[t] = true;
            }
            b.add(TrainSequence.supervised(s, mask));
        }
        return b;
    }

    private static Map<String, TensorData> byName(List<TensorData> l) {
        Map<String, TensorData> m = new java.util.LinkedHashMap<>();
        l.forEach(t -> m.put(t.name(), t));
        return m;
    }

    @Test
    void freshAdaptersLeaveTheBaseModelExactly() throws Exception {
        Path ck = checkpoint();
        try (LlamaModel base = LlamaModel.load(ck, ModelOptions.cpu());
             PolicyTrainer t = PolicyTrainer.open(ck, cfg().lora(LORA).build())) {
            float[][] want = base.tokenLogprobs(SEQS);
            float[][] got = t.model().tokenLogprobs(SEQS);
            for (int i = 0; i < SEQS.length; i++) {
                assertArrayEquals(want[i], got[i], 0f, "sequence " + i);
            }
        }
    }

    @Test
    void adapterGradientsAreTheWeightGradientThroughA() throws Exception {
        Path ck = checkpoint();
        Map<String, float[]> g;
        try (PolicyTrainer full = PolicyTrainer.open(ck, cfg().build())) {
            g = full.evaluate(batch(), List.of(Q0 + ".weight", DOWN1 + ".weight")).gradients();
        }
        try (PolicyTrainer t = PolicyTrainer.open(ck, cfg().lora(LORA).build())) {
            Map<String, TensorData> ad = byName(t.model().adapterWeights());
            Map<String, float[]> ga = t.evaluate(batch(), List.of(Lora.a(Q0), Lora.b(Q0), Lora.a(DOWN1),
                    Lora.b(DOWN1))).gradients();
            for (String m : List.of(Q0, DOWN1)) {
                long[] shapeA = ad.get(Lora.a(m)).shape(); // [r, in]
                int r = (int) shapeA[0];
                int in = (int) shapeA[1];
                int out = (int) ad.get(Lora.b(m)).shape()[0];
                float[] a = ad.get(Lora.a(m)).data();
                float[] gw = g.get(m + ".weight"); // [out, in]
                // y = x W^T + s (x A^T) B^T  ⇒  dL/dB[o][k] = s Σ_i G[o][i] A[k][i]; dL/dA = s B^T G = 0 at B = 0
                float[] want = new float[out * r];
                double maxAbs = 0;
                for (int o = 0; o < out; o++) {
                    for (int k = 0; k < r; k++) {
                        double sum = 0;
                        for (int i = 0; i < in; i++) {
                            sum += (double) gw[o * in + i] * a[k * in + i];
                        }
                        want[o * r + k] = (float) (LORA.scale() * sum);
                        maxAbs = Math.max(maxAbs, Math.abs(want[o * r + k]));
                    }
                }
                assertTrue(maxAbs > 1e-4, "a real gradient: " + maxAbs);
                assertArrayEquals(want, ga.get(Lora.b(m)), (float) (1e-4 * maxAbs), m);
                assertArrayEquals(new float[r * in], ga.get(Lora.a(m)), 0f, m);
            }
            // the frozen base has no gradient to ask for
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> t.evaluate(batch(), List.of(Q0 + ".weight")));
            assertTrue(e.getMessage().contains("only the adapters"), e.getMessage());
        }
    }

    @Test
    void aStepMovesOnlyBAndTheExportFoldsItIn() throws Exception {
        Path ck = checkpoint();
        double lr = 1e-2;
        Path out = dir.resolve("export");
        try (PolicyTrainer t = PolicyTrainer.open(ck, cfg().learningRate(lr).maxGradNorm(0).lora(LORA).build())) {
            Map<String, TensorData> base0 = byName(t.model().weights());
            Map<String, TensorData> ad0 = byName(t.model().adapterWeights());
            List<String> names = new ArrayList<>(ad0.keySet());
            Map<String, float[]> g = t.evaluate(batch(), names).gradients();
            t.step(batch());
            Map<String, TensorData> base1 = byName(t.model().weights());
            for (String n : base0.keySet()) {
                assertArrayEquals(base0.get(n).data(), base1.get(n).data(), 0f, "frozen " + n);
            }
            Map<String, TensorData> ad1 = byName(t.model().adapterWeights());
            double eps = TrainConfig.DEFAULT_ADAM_EPS;
            for (String n : names) {
                float[] before = ad0.get(n).data();
                float[] grad = g.get(n);
                float[] want = new float[before.length];
                for (int i = 0; i < want.length; i++) {
                    // first AdamW step: m̂ = g, v̂ = g², update = g / (|g| + eps) (no clipping, no decay)
                    want[i] = (float) (before[i] - lr * grad[i] / (Math.abs(grad[i]) + eps));
                }
                assertArrayEquals(want, ad1.get(n).data(), 1e-6f, n);
            }
            t.exportHf(out);

            Map<String, TensorData> exported = HfCheckpoint.readWeights(out);
            assertEquals(base0.keySet(), exported.keySet());
            for (String n : base0.keySet()) {
                String m = n.substring(0, n.length() - ".weight".length());
                float[] want = base0.get(n).data();
                if (ad1.containsKey(Lora.a(m))) {
                    want = merged(base0.get(n), ad1.get(Lora.a(m)), ad1.get(Lora.b(m)), LORA.scale());
                }
                assertArrayEquals(want, exported.get(n).data(), 1e-6f, n);
            }
            // the exported plain model scores as the adapted one does
            try (LlamaModel plain = LlamaModel.load(out, ModelOptions.cpu())) {
                float[][] want = t.model().tokenLogprobs(SEQS);
                float[][] got = plain.tokenLogprobs(SEQS);
                for (int i = 0; i < SEQS.length; i++) {
                    assertArrayEquals(want[i], got[i], 1e-4f, "sequence " + i);
                }
            }
        }
    }

    /** W + s B A in double: W [out, in], A [r, in], B [out, r]. */
    private static float[] merged(TensorData w, TensorData a, TensorData b, double s) {
        int out = (int) w.shape()[0];
        int in = (int) w.shape()[1];
        int r = (int) a.shape()[0];
        float[] m = new float[out * in];
        for (int o = 0; o < out; o++) {
            for (int i = 0; i < in; i++) {
                double sum = 0;
                for (int k = 0; k < r; k++) {
                    sum += (double) b.data()[o * r + k] * a.data()[k * in + i];
                }
                m[o * in + i] = (float) (w.data()[o * in + i] + s * sum);
            }
        }
        return m;
    }

    @Test
    void aCheckpointReferencesItsBaseAndResumesFromItOrACopyBitIdentically() throws Exception {
        String json = TinyCheckpoints.config(300, 32, 2, 4, 2, false).replace("{", "{\"torch_dtype\": \"bfloat16\", ");
        LlamaConfig c = LlamaConfig.parse(json);
        Path ck = dir.resolve("bf16");
        HfCheckpoint.write(ck, c, RandomInit.weights(c, 3, 0.1).values(), DType.BF16, HfCheckpoint.DEFAULT_MAX_SHARD_BYTES,
                null);
        ByteLevelTokenizerFiles.write(ck);
        Path mid = dir.resolve("mid");
        double next;
        try (PolicyTrainer t = PolicyTrainer.open(ck, cfg().lora(LORA).build())) {
            t.step(ResumeTest.batch(0));
            t.saveCheckpoint(mid);
            next = t.step(ResumeTest.batch(1)).loss();
        }
        // no weights in the checkpoint: its base by location, size and SHA-256 (the JDK's, over the file)
        assertFalse(Files.exists(mid.resolve(HfCheckpoint.SINGLE)));
        byte[] base = Files.readAllBytes(ck.resolve(HfCheckpoint.SINGLE));
        String sha = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(base));
        JsonNode ref = JSON.readTree(mid.resolve(BaseReference.FILE).toFile());
        assertEquals(ck.toAbsolutePath().toString(), ref.get("location").asText());
        assertEquals(base.length, ref.at("/files/model.safetensors/bytes").asLong());
        assertEquals(sha, ref.at("/files/model.safetensors/sha256").asText());
        assertEquals(ck.toAbsolutePath().toString(),
                JSON.readTree(mid.resolve(PeftAdapter.CONFIG).toFile()).get("base_model_name_or_path").asText());
        assertEquals("bfloat16", JSON.readTree(mid.resolve(HfCheckpoint.CONFIG).toFile()).get("torch_dtype").asText());
        assertTrue(Files.isRegularFile(mid.resolve("tokenizer.json")));
        try (PolicyTrainer r = PolicyTrainer.resume(mid)) {
            assertEquals(Double.doubleToLongBits(next), Double.doubleToLongBits(r.step(ResumeTest.batch(1)).loss()));
        }

        // the base moved (or was remote): a local copy is given, and the resumed trainer keeps the old location
        Path copy = Files.createDirectories(dir.resolve("copy"));
        try (var files = Files.list(ck)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                Files.copy(f, copy.resolve(f.getFileName()));
            }
        }
        Files.move(ck, dir.resolve("gone"));
        UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> PolicyTrainer.resume(mid));
        assertTrue(e.getMessage().contains("is missing"), e.getMessage());
        Path again = dir.resolve("again");
        try (PolicyTrainer r = PolicyTrainer.resume(mid, null, copy)) {
            assertEquals(Double.doubleToLongBits(next), Double.doubleToLongBits(r.step(ResumeTest.batch(1)).loss()));
            r.saveCheckpoint(again);
        }
        assertEquals(ck.toAbsolutePath().toString(), BaseReference.read(again).location());

        // a copy whose bytes differ is not the base the adapters were trained on
        byte[] changed = base.clone();
        changed[changed.length - 1] ^= 1;
        Files.write(copy.resolve(HfCheckpoint.SINGLE), changed);
        e = assertThrows(UncheckedIOException.class, () -> PolicyTrainer.resume(mid, null, copy));
        assertTrue(e.getMessage().contains("not the one the checkpoint was trained on"), e.getMessage());
    }

    @Test
    void aBaseWithoutADirectoryIsSavedInTheCheckpoint() throws Exception {
        LlamaConfig c = LlamaConfig.parse(TinyCheckpoints.config(300, 32, 2, 4, 2, false));
        Path mid = dir.resolve("mid");
        double next;
        try (PolicyTrainer t = new PolicyTrainer(c, RandomInit.weights(c, 3, 0.1), cfg().lora(LORA).build(), null,
                null)) {
            t.step(ResumeTest.batch(0));
            t.saveCheckpoint(mid);
            next = t.step(ResumeTest.batch(1)).loss();
        }
        assertFalse(Files.exists(mid.resolve(BaseReference.FILE)));
        assertTrue(Files.isRegularFile(mid.resolve(HfCheckpoint.SINGLE)));
        try (PolicyTrainer r = PolicyTrainer.resume(mid)) {
            assertEquals(Double.doubleToLongBits(next), Double.doubleToLongBits(r.step(ResumeTest.batch(1)).loss()));
        }
    }

    @Test
    void samplingFromTheTrainerAppliesTheAdaptersAsTheFullForwardDoes() throws Exception {
        Path ck = checkpoint();
        try (PolicyTrainer t = PolicyTrainer.open(ck, cfg().lora(LORA).build())) {
            t.step(batch());
            t.step(batch());
            int n = 24;
            int[] prompt = {5, 17, 99};
            Generation g = new Generator(t.model(), Set.of(), null).generate(List.of(prompt),
                    List.of(new SamplingParams(1.0, 1.0, 0, n, 3L, List.of()))).get(0);
            int[] seq = new int[prompt.length + n];
            System.arraycopy(prompt, 0, seq, 0, prompt.length);
            System.arraycopy(g.tokens(), 0, seq, prompt.length, n);
            float[] adapted = t.model().tokenLogprobs(new int[][]{seq})[0];
            float[] base = t.model().baseTokenLogprobs(new int[][]{seq})[0];
            double moved = 0;
            for (int i = 0; i < n; i++) {
                assertEquals(adapted[prompt.length + i], g.logprobs()[i], 1e-4, "token " + i);
                moved = Math.max(moved, Math.abs(adapted[prompt.length + i] - base[prompt.length + i]));
            }
            assertTrue(moved > 1e-3, "the adapters changed the sampled tokens' log-probs: " + moved);
        }
    }

    @Test
    void theKlReferenceIsTheFrozenBaseInsideTheSameGraph() throws Exception {
        Path ck = checkpoint();
        TrainConfig c = cfg().algorithm(Algorithm.GRPO).klCoef(0.05).lora(LORA).build();
        try (LlamaModel base = LlamaModel.load(ck, ModelOptions.cpu());
             PolicyTrainer t = PolicyTrainer.open(ck, c)) {
            t.step(ResumeTest.batch(0));
            t.step(ResumeTest.batch(1));
            float[][] want = base.tokenLogprobs(SEQS);
            float[][] adapted = t.model().tokenLogprobs(SEQS);
            float[][] ref = t.model().baseTokenLogprobs(SEQS);
            for (int i = 0; i < SEQS.length; i++) {
                assertArrayEquals(want[i], ref[i], 1e-6f, "sequence " + i);
                assertTrue(Math.abs(adapted[i][1] - want[i][1]) > 1e-6, "the adapters moved the policy");
            }
            t.saveCheckpoint(dir.resolve("ck"));
            assertFalse(Files.exists(dir.resolve("ck").resolve(TrainingCheckpoint.REFERENCE)),
                    "the referenced base is the KL reference");
        }
    }

    @Test
    void checkpointsKeepAdaptersAsPeftFilesAndResumeBitIdentically() throws Exception {
        Path ck = checkpoint();
        TrainConfig c = cfg().algorithm(Algorithm.GRPO).klCoef(0.05).weightDecay(0.1).microBatchSize(2)
                .lora(LORA).build();
        Path mid = dir.resolve("mid");
        List<Double> straight = new ArrayList<>();
        List<TensorData> finalAdapters;
        List<TensorData> base;
        try (PolicyTrainer t = PolicyTrainer.open(ck, c)) {
            base = t.model().weights();
            for (int s = 0; s < 4; s++) {
                if (s == 2) {
                    t.saveCheckpoint(mid);
                }
                straight.add(t.step(ResumeTest.batch(s)).loss());
            }
            finalAdapters = t.model().adapterWeights();
        }
        JsonNode ac = JSON.readTree(mid.resolve(PeftAdapter.CONFIG).toFile());
        assertEquals("LORA", ac.get("peft_type").asText());
        assertEquals(4, ac.get("r").asInt());
        assertEquals(8.0, ac.get("lora_alpha").asDouble());
        assertEquals("[\"q_proj\",\"v_proj\",\"down_proj\"]", ac.get("target_modules").toString());
        Set<String> adapterNames = new TreeSet<>(Safetensors.read(mid.resolve(PeftAdapter.WEIGHTS)).keySet());
        assertEquals(2 * 3 * 2, adapterNames.size()); // A and B × 3 projections × 2 layers
        assertTrue(adapterNames.contains("base_model.model." + Lora.a(Q0)), adapterNames.toString());
        // AdamW moments cover the adapters only
        Set<String> moments = new TreeSet<>(Safetensors.read(mid.resolve(TrainingCheckpoint.OPTIMIZER)).keySet());
        Set<String> want = new TreeSet<>();
        adapterNames.forEach(n -> {
            want.add("m." + n.substring(Lora.PEFT_PREFIX.length()));
            want.add("v." + n.substring(Lora.PEFT_PREFIX.length()));
        });
        assertEquals(want, moments);
        // the base is referenced, and untouched where it lies
        assertEquals(ck.toAbsolutePath().toString(), BaseReference.read(mid).location());
        Map<String, TensorData> saved = HfCheckpoint.readWeights(ck);
        for (TensorData w : base) {
            assertArrayEquals(w.data(), saved.get(w.name()).data(), 0f, w.name());
        }

        try (PolicyTrainer r = PolicyTrainer.resume(mid)) {
            assertEquals(LORA, r.config().lora());
            for (int s = 2; s < 4; s++) {
                double l = r.step(ResumeTest.batch(s)).loss();
                assertEquals(Double.doubleToLongBits(straight.get(s)), Double.doubleToLongBits(l), "loss at step " + s);
            }
            List<TensorData> fin = r.model().adapterWeights();
            for (int i = 0; i < fin.size(); i++) {
                assertArrayEquals(finalAdapters.get(i).data(), fin.get(i).data(), 0f, fin.get(i).name());
            }
        }
        UncheckedIOException e = assertThrows(UncheckedIOException.class,
                () -> PolicyTrainer.resume(mid, c.toBuilder().lora(Lora.NONE).build()));
        assertTrue(e.getMessage().contains("LoRA adapters"), e.getMessage());
        assertFalse(Files.exists(mid.resolve(HfCheckpoint.SINGLE)));
    }
}
