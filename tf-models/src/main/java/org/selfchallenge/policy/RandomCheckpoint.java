package org.selfchallenge.policy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.selfchallenge.policy.config.LlamaConfig;
import org.selfchallenge.policy.io.DType;
import org.selfchallenge.policy.io.HfCheckpoint;
import org.selfchallenge.policy.model.RandomInit;
import org.selfchallenge.policy.tokenizer.ByteLevelTokenizerFiles;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A randomly initialised Hugging Face checkpoint with the small byte-level tokenizer and ChatML template
 * ({@link ByteLevelTokenizerFiles}): what {@code model init}, tests and the demo start from.
 */
public final class RandomCheckpoint {
    private static final ObjectMapper JSON = new ObjectMapper();

    private RandomCheckpoint() {
    }

    /**
     * Writes config.json (eos/pad ids and architectures filled in when absent), model.safetensors in the
     * config's torch_dtype, and the tokenizer files. Returns the final config.
     */
    public static LlamaConfig write(String configJson, Path dir, long seed) throws IOException {
        LlamaConfig parsed = LlamaConfig.parse(configJson);
        if (parsed.vocabSize < ByteLevelTokenizerFiles.VOCAB) {
            throw new IllegalArgumentException("vocab_size " + parsed.vocabSize + " is smaller than the byte-level "
                    + "tokenizer's " + ByteLevelTokenizerFiles.VOCAB + " tokens");
        }
        ObjectNode json = parsed.toJson();
        if (!json.has("eos_token_id")) {
            json.put("eos_token_id", ByteLevelTokenizerFiles.IM_END_ID);
        }
        if (!json.has("pad_token_id")) {
            json.put("pad_token_id", ByteLevelTokenizerFiles.ENDOFTEXT_ID);
        }
        if (!json.has("architectures")) {
            json.putArray("architectures").add(switch (parsed.modelType) {
                case "qwen2" -> "Qwen2ForCausalLM";
                case "mistral" -> "MistralForCausalLM";
                default -> "LlamaForCausalLM";
            });
        }
        LlamaConfig cfg = LlamaConfig.parse(JSON.writeValueAsString(json));
        double std = json.path("initializer_range").asDouble(RandomInit.DEFAULT_INIT_RANGE);
        HfCheckpoint.write(dir, cfg, RandomInit.weights(cfg, seed, std).values(), DType.fromTorch(cfg.torchDtype),
                HfCheckpoint.DEFAULT_MAX_SHARD_BYTES, null);
        ByteLevelTokenizerFiles.write(dir);
        return cfg;
    }
}
