package org.selfchallenge.policy;

import org.selfchallenge.policy.config.LlamaConfig;
import org.selfchallenge.policy.io.DType;
import org.selfchallenge.policy.io.HfCheckpoint;
import org.selfchallenge.policy.model.RandomInit;
import org.selfchallenge.policy.tokenizer.ByteLevelTokenizerFiles;

import java.io.IOException;
import java.nio.file.Path;

/** Tiny random checkpoints with the byte-level tokenizer, for tests. */
public final class TinyCheckpoints {
    private TinyCheckpoints() {
    }

    public static String config(int vocab, int hidden, int layers, int heads, int kvHeads, boolean tied) {
        return "{\"model_type\": \"llama\", \"vocab_size\": " + vocab + ", \"hidden_size\": " + hidden
                + ", \"intermediate_size\": " + (2 * hidden) + ", \"num_hidden_layers\": " + layers
                + ", \"num_attention_heads\": " + heads + ", \"num_key_value_heads\": " + kvHeads
                + ", \"rms_norm_eps\": 1e-5, \"tie_word_embeddings\": " + tied
                + ", \"max_position_embeddings\": 256, \"eos_token_id\": 258}";
    }

    /** Writes a checkpoint (weights ~ N(0, std^2)) plus the byte-level tokenizer files. */
    public static Path write(Path dir, String configJson, long seed, double std) throws IOException {
        LlamaConfig c = LlamaConfig.parse(configJson);
        HfCheckpoint.write(dir, c, RandomInit.weights(c, seed, std).values(), DType.F32,
                HfCheckpoint.DEFAULT_MAX_SHARD_BYTES, null);
        ByteLevelTokenizerFiles.write(dir);
        return dir;
    }
}
