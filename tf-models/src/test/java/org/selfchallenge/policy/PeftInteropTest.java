package org.selfchallenge.policy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.selfchallenge.policy.cli.ModelCliTest;
import org.selfchallenge.policy.io.PeftAdapter;
import org.selfchallenge.policy.io.TensorData;
import org.selfchallenge.policy.model.Lora;
import org.selfchallenge.policy.sample.SplitMix64;
import org.selfchallenge.policy.train.PolicyTrainer;
import org.selfchallenge.policy.train.TrainConfig;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * LoRA adapters against the real peft (see {@link HfPython}), both ways: adapters saved by peft give
 * {@code PeftModel}'s logits through {@code model logits --adapter}, or are refused with the field named; ours
 * load in {@code PeftModel.from_pretrained} with our logits, and {@code merge_and_unload()} equals our merged
 * export bit for bit.
 */
class PeftInteropTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> COMPUTED = List.of("plain", "rslora", "all_projections_rslora");
    /** Saved by peft with an option the policy does not compute: the error names the field. */
    private static final Map<String, String> REFUSED = Map.of(
            "dora", "use_dora = true is not supported",
            "rank_pattern", "rank_pattern = {\"q_proj\":2} is not supported",
            "alpha_pattern", "alpha_pattern = {\"v_proj\":16} is not supported",
            "modules_to_save", "modules_to_save = [\"lm_head\"] is not supported",
            "layers_to_transform", "layers_to_transform = [0] is not supported",
            "lora_bias", "lora_bias = true is not supported");

    @TempDir
    static Path dir;
    private static Path base;

    @BeforeAll
    static void base() throws Exception {
        HfPython.require();
        // a base saved by transformers itself (attention biases, theta 5e5)
        HfPython.call("checkpoints", dir.resolve("saved").toString());
        base = dir.resolve("saved").resolve("llama_bias_theta5e5");
    }

    @Test
    void adaptersSavedByPeftGiveItsLogitsOrAreRefusedByField() throws Exception {
        Path root = dir.resolve("peft");
        JsonNode made = HfPython.call("adapters", base.toString(), root.toString()).get("adapters");
        assertEquals(COMPUTED.size() + REFUSED.size(), made.size(), made.toString());
        for (String name : COMPUTED) {
            JsonNode want = JSON.readTree(root.resolve(name).resolve("expected.json").toFile());
            float[][] got = HfCheckpointInteropTest.ourLogits("logits", "--checkpoint", base.toString(),
                    "--adapter", root.resolve(name).toString(), "--ids", HfCheckpointInteropTest.ids(want.get("ids")));
            double diff = HfPython.maxAbsDiff(HfPython.matrix(want.get("logits")), got);
            System.out.printf("peft-saved %-24s max |logit diff| %.3g%n", name, diff);
            assertTrue(diff <= HfCheckpointInteropTest.TOLERANCE, name + ": max |logit diff| " + diff);
        }
        for (Map.Entry<String, String> e : REFUSED.entrySet()) {
            ModelCliTest.Out r = ModelCliTest.run("logits", "--checkpoint", base.toString(), "--adapter",
                    root.resolve(e.getKey()).toString(), "--ids", "1,2,3");
            assertEquals(1, r.rc(), e.getKey() + " was not refused");
            assertTrue(r.err().contains(e.getValue()), e.getKey() + ": " + r.err());
        }
    }

    @Test
    void ourAdaptersLoadInPeftAndMergeBitForBit() throws Exception {
        String ids = "3,17,42,5,88,61,9,77,23,50,14,2";
        for (Lora lora : List.of(new Lora(4, 8, List.of("q_proj", "v_proj", "down_proj")),
                new Lora(3, 5, List.copyOf(Lora.PROJECTIONS.keySet()), true))) {
            Path adapter = dir.resolve("ours-r" + lora.rank() + (lora.rslora() ? "-rs" : ""));
            PeftAdapter.write(adapter, lora, randomAdapters(lora, lora.rank()), base.toString());
            Path merged = adapter.resolveSibling(adapter.getFileName() + "-merged");
            try (PolicyTrainer t = PolicyTrainer.open(base, adapter, TrainConfig.builder().build())) {
                t.exportHf(merged);
            }
            float[][] ours = HfCheckpointInteropTest.ourLogits("logits", "--checkpoint", base.toString(),
                    "--adapter", adapter.toString(), "--ids", ids);
            JsonNode peft = HfPython.call("logits", base.toString(), "[" + ids + "]", "--adapter", adapter.toString(),
                    "--merged-vs", merged.toString());
            double diff = HfPython.maxAbsDiff(HfPython.matrix(peft.get("logits")), ours);
            System.out.printf("our adapter %s: PeftModel max |logit diff| %.3g, merge_and_unload vs our export "
                    + "max |diff| %s over %d tensors%n", lora, diff, peft.get("merged_max_abs_diff"),
                    peft.get("merged_tensors").asInt());
            assertTrue(diff <= HfCheckpointInteropTest.TOLERANCE, lora + ": max |logit diff| " + diff);
            assertEquals(0.0, peft.get("merged_max_abs_diff").asDouble(), lora + ": merged weights differ");
        }
    }

    /** Non-zero A and B (a fresh adapter's B = 0 would make the check vacuous). */
    private static List<TensorData> randomAdapters(Lora lora, long seed) throws Exception {
        SplitMix64 rng = new SplitMix64(seed);
        List<TensorData> out = new ArrayList<>();
        for (Map.Entry<String, long[]> e : lora.shapes(org.selfchallenge.policy.io.HfCheckpoint.config(base)).entrySet()) {
            float[] d = new float[Math.toIntExact(e.getValue()[0] * e.getValue()[1])];
            for (int i = 0; i < d.length; i++) {
                d[i] = (float) (0.6 * rng.nextDouble() - 0.3);
            }
            out.add(new TensorData(e.getKey(), e.getValue(), d));
        }
        return out;
    }
}
