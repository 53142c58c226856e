package org.selfchallenge.policy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.selfchallenge.llm.Message;
import org.selfchallenge.policy.cli.ModelCliTest;
import org.selfchallenge.policy.tokenizer.PolicyTokenizer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Checkpoints against the real transformers (see {@link HfPython}): folders saved by transformers' own
 * {@code save_pretrained} for each supported architecture and rope variant, in both generations of the config
 * format, give transformers' float32 logits through {@code model logits}; the ones whose numerics the policy does
 * not compute are refused with the field named; our exports load in transformers with the same logits and greedy
 * text, and our tokenizer and chat template give AutoTokenizer's ids.
 */
class HfCheckpointInteropTest {
    static final double TOLERANCE = 1e-4;
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Saved by transformers, computed by the policy. */
    private static final List<String> SUPPORTED = List.of("llama_bias_theta5e5", "llama_rope_llama3",
            "llama_rope_linear", "llama_tied_bf16", "qwen2_theta1e6", "mistral_sliding_headdim", "llama_legacy_keys",
            "qwen2_rope_yarn", "llama_rope_yarn_options");
    /** Saved by transformers, not computed by the policy: the error must name the field. */
    private static final Map<String, String> REFUSED = Map.of(
            "unsupported_longrope", "rope_parameters.rope_type 'longrope' is not supported",
            "unsupported_dynamic", "rope_parameters.rope_type 'dynamic' is not supported",
            "unsupported_partial_rotary", "partial_rotary_factor 0.5 is not supported",
            "unsupported_qwen2_sliding", "use_sliding_window=true is not supported");

    @TempDir
    static Path dir;

    @BeforeAll
    static void libraries() {
        System.out.println("HF interop against " + HfPython.require());
    }

    static float[][] ourLogits(String... args) throws Exception {
        ModelCliTest.Out r = ModelCliTest.run(args);
        assertEquals(0, r.rc(), r.err());
        return HfPython.matrix(JSON.readTree(r.out()).get("logits"));
    }

    static String ids(JsonNode ids) {
        List<String> s = new ArrayList<>();
        ids.forEach(i -> s.add(i.asText()));
        return String.join(",", s);
    }

    @Test
    void checkpointsSavedByTransformersGiveItsLogits() throws Exception {
        Path root = dir.resolve("saved");
        JsonNode made = HfPython.call("checkpoints", root.toString()).get("cases");
        // the cases really are in transformers 5's format, bar the one rewritten to the older one
        assertEquals("default", made.get("qwen2_theta1e6").get("rope_type").asText());
        assertEquals("legacy", made.get("llama_legacy_keys").asText());
        for (String name : SUPPORTED) {
            Path ck = root.resolve(name);
            JsonNode want = JSON.readTree(ck.resolve("expected.json").toFile());
            float[][] got = ourLogits("logits", "--checkpoint", ck.toString(), "--ids", ids(want.get("ids")));
            double diff = HfPython.maxAbsDiff(HfPython.matrix(want.get("logits")), got);
            System.out.printf("HF-saved %-26s max |logit diff| %.3g%n", name, diff);
            assertTrue(diff <= TOLERANCE, name + ": max |logit diff| " + diff);
        }
        for (Map.Entry<String, String> e : REFUSED.entrySet()) {
            Path ck = root.resolve(e.getKey());
            ModelCliTest.Out r = ModelCliTest.run("logits", "--checkpoint", ck.toString(), "--ids", "1,2,3");
            assertEquals(1, r.rc(), e.getKey() + " was not refused");
            assertTrue(r.err().contains(e.getValue()), e.getKey() + ": " + r.err());
        }
    }

    /** Our exports for each architecture; the configs are given in either generation of the format. */
    @Test
    void ourExportsLoadInTransformersWithTheSameLogitsAndGreedyText() throws Exception {
        String common = "\"vocab_size\": 300, \"hidden_size\": 32, \"intermediate_size\": 48, \"num_hidden_layers\": 2,"
                + " \"num_attention_heads\": 4, \"num_key_value_heads\": 2, \"rms_norm_eps\": 1e-5,"
                + " \"max_position_embeddings\": 128, \"initializer_range\": 0.3, ";
        Map<String, String> configs = new LinkedHashMap<>();
        configs.put("llama_legacy_llama3", "{\"model_type\": \"llama\", " + common + "\"head_dim\": 16, "
                + "\"attention_bias\": true, \"rope_theta\": 500000.0, \"rope_scaling\": {\"rope_type\": \"llama3\", "
                + "\"factor\": 8.0, \"low_freq_factor\": 1.0, \"high_freq_factor\": 4.0, "
                + "\"original_max_position_embeddings\": 16}, \"torch_dtype\": \"float32\"}");
        configs.put("qwen2_rope_parameters", "{\"model_type\": \"qwen2\", " + common + "\"tie_word_embeddings\": true,"
                + " \"rope_parameters\": {\"rope_type\": \"default\", \"rope_theta\": 1000000.0}, \"dtype\": \"float32\"}");
        configs.put("mistral_sliding_bf16", "{\"model_type\": \"mistral\", " + common + "\"head_dim\": 12, "
                + "\"sliding_window\": 5, \"rope_parameters\": {\"rope_type\": \"linear\", \"factor\": 2.0, "
                + "\"rope_theta\": 100000.0}, \"dtype\": \"bfloat16\"}");
        configs.put("qwen2_yarn_legacy", "{\"model_type\": \"qwen2\", " + common + "\"rope_theta\": 1000000.0, "
                + "\"rope_scaling\": {\"type\": \"yarn\", \"factor\": 4.0, \"original_max_position_embeddings\": 32}}");
        String idList = "257,72,101,108,108,111,44,32,119,111,114,108,100,33,258,10,257,97,115,115,105,115,116,10";
        int seed = 11;
        for (Map.Entry<String, String> e : configs.entrySet()) {
            Path ck = dir.resolve("ours").resolve(e.getKey());
            Files.createDirectories(ck.getParent());
            Path cfg = ck.getParent().resolve(e.getKey() + ".json");
            Files.writeString(cfg, e.getValue());
            ModelCliTest.Out init = ModelCliTest.run("init", "--config", cfg.toString(), "--out", ck.toString(),
                    "--seed", Integer.toString(seed++));
            assertEquals(0, init.rc(), init.err());
            JsonNode written = JSON.readTree(ck.resolve("config.json").toFile());
            assertTrue(written.has("rope_parameters") && written.has("dtype"), written.toString());

            float[][] ours = ourLogits("logits", "--checkpoint", ck.toString(), "--ids", idList);
            JsonNode theirs = HfPython.call("logits", ck.toString(), "[" + idList + "]");
            double diff = HfPython.maxAbsDiff(HfPython.matrix(theirs.get("logits")), ours);
            System.out.printf("our export %-24s max |logit diff| in transformers %.3g%n", e.getKey(), diff);
            assertTrue(diff <= TOLERANCE, e.getKey() + ": max |logit diff| " + diff);

            String prompt = "Hello, world! 2+3=";
            ModelCliTest.Out gen = ModelCliTest.run("generate", "--checkpoint", ck.toString(), "--prompt", prompt,
                    "--temperature", "0", "--max-new-tokens", "16");
            assertEquals(0, gen.rc(), gen.err());
            JsonNode hf = HfPython.call("generate", ck.toString(), prompt, "16");
            String ourText = gen.out().substring(0, gen.out().length() - System.lineSeparator().length());
            assertEquals(hf.get("text").asText(), ourText, e.getKey() + ": greedy text");
        }
    }

    @Test
    void tokenizerAndChatTemplateGiveAutoTokenizersIds() throws Exception {
        Path ck = TinyCheckpoints.write(dir.resolve("tok"), TinyCheckpoints.config(300, 16, 1, 2, 1, true), 1, 0.02);
        List<String> texts = List.of("Hello, world!", "Grüße — 数学 🙂", "  two  spaces\n\ttab\r\n",
                "<|im_start|>user\nhi<|im_end|>", "def f(x):\n    return x ** 2  # ok", "");
        List<List<Message>> convs = List.of(
                List.of(Message.user("What is 2 + 3?")),
                List.of(Message.system("You are terse."), Message.user("hi"), Message.assistant("Hello."),
                        Message.user("Ünïcödé\nand lines")));
        Map<String, Object> cases = new LinkedHashMap<>();
        cases.put("texts", texts);
        List<List<Map<String, String>>> maps = new ArrayList<>();
        for (List<Message> c : convs) {
            List<Map<String, String>> m = new ArrayList<>();
            c.forEach(x -> m.add(Map.of("role", x.role(), "content", x.content())));
            maps.add(m);
        }
        cases.put("conversations", maps);
        Path file = dir.resolve("tok_cases.json");
        JSON.writeValue(file.toFile(), cases);
        JsonNode hf = HfPython.call("tokenize", ck.toString(), file.toString());
        try (PolicyTokenizer tok = PolicyTokenizer.load(ck)) {
            for (int i = 0; i < texts.size(); i++) {
                assertArrayEquals(ints(hf.get("texts").get(i)), tok.encode(texts.get(i)), texts.get(i));
            }
            for (int i = 0; i < convs.size(); i++) {
                assertArrayEquals(ints(hf.get("conversations").get(i)),
                        tok.encode(tok.chatTemplate().render(convs.get(i), true)), "conversation " + i);
            }
        }
    }

    static int[] ints(JsonNode a) {
        int[] out = new int[a.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = a.get(i).asInt();
        }
        return out;
    }
}
