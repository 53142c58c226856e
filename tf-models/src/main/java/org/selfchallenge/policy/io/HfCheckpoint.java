package org.selfchallenge.policy.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.selfchallenge.policy.config.LlamaConfig;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * A Hugging Face checkpoint directory: {@code config.json}, weights in {@code model.safetensors} or shards
 * listed by {@code model.safetensors.index.json}, tokenizer files beside them.
 */
public final class HfCheckpoint {
    public static final String CONFIG = "config.json";
    public static final String SINGLE = "model.safetensors";
    public static final String INDEX = "model.safetensors.index.json";
    /** Tokenizer / generation files copied verbatim when exporting. */
    public static final List<String> SIDE_FILES = List.of("tokenizer.json", "tokenizer_config.json",
            "special_tokens_map.json", "generation_config.json", "chat_template.jinja");
    /** Default shard size when saving (HF's default is 5 GB). */
    public static final long DEFAULT_MAX_SHARD_BYTES = 5L << 30;
    private static final ObjectMapper JSON = new ObjectMapper();

    private HfCheckpoint() {
    }

    public static boolean looksLikeCheckpoint(Path dir) {
        return Files.isRegularFile(dir.resolve(CONFIG))
                && (Files.isRegularFile(dir.resolve(SINGLE)) || Files.isRegularFile(dir.resolve(INDEX)));
    }

    /**
     * The checkpoint's config; where weights are present, checked against their shapes (headers only,
     * before anything is allocated), so that a config that does not describe its weights is an error naming
     * the field rather than a wrong model or minutes of allocation.
     */
    public static LlamaConfig config(Path dir) throws IOException {
        Path c = dir.resolve(CONFIG);
        if (!Files.isRegularFile(c)) {
            throw new IOException(dir + ": no config.json");
        }
        LlamaConfig cfg = LlamaConfig.load(c);
        if (looksLikeCheckpoint(dir)) {
            checkShapes(cfg, weightShapes(dir));
        }
        return cfg;
    }

    private static Map<String, long[]> weightShapes(Path dir) throws IOException {
        Path index = dir.resolve(INDEX);
        if (!Files.isRegularFile(index)) {
            return Safetensors.shapes(dir.resolve(SINGLE));
        }
        Map<String, long[]> out = new LinkedHashMap<>();
        Set<String> files = new LinkedHashSet<>();
        JSON.readTree(index.toFile()).path("weight_map").forEach(f -> files.add(f.asText()));
        for (String f : files) {
            Path shard = dir.resolve(f).normalize();
            if (shard.startsWith(dir.normalize()) && Files.isRegularFile(shard)) {
                out.putAll(Safetensors.shapes(shard));
            }
        }
        return out;
    }

    private static final java.util.regex.Pattern LAYER = java.util.regex.Pattern.compile("model\\.layers\\.(\\d+)\\..*");

    static void checkShapes(LlamaConfig c, Map<String, long[]> shapes) {
        int layers = 0;
        for (String name : shapes.keySet()) {
            java.util.regex.Matcher m = LAYER.matcher(name);
            if (m.matches() && m.group(1).length() < 9) {
                layers = Math.max(layers, Integer.parseInt(m.group(1)) + 1);
            }
        }
        if (layers != c.numLayers) {
            throw new IllegalArgumentException("config.json: num_hidden_layers is " + c.numLayers
                    + " but the weights hold " + layers + " layers");
        }
        expect(shapes, "model.embed_tokens.weight", new long[]{c.vocabSize, c.hiddenSize}, "vocab_size, hidden_size");
        expect(shapes, "model.layers.0.self_attn.q_proj.weight", new long[]{(long) c.numHeads * c.headDim, c.hiddenSize},
                "num_attention_heads * head_dim, hidden_size");
        expect(shapes, "model.layers.0.self_attn.k_proj.weight", new long[]{(long) c.numKvHeads * c.headDim, c.hiddenSize},
                "num_key_value_heads * head_dim, hidden_size");
        expect(shapes, "model.layers.0.mlp.gate_proj.weight", new long[]{c.intermediateSize, c.hiddenSize},
                "intermediate_size, hidden_size");
    }

    private static void expect(Map<String, long[]> shapes, String name, long[] want, String fields) {
        long[] got = shapes.get(name);
        if (got != null && !java.util.Arrays.equals(got, want)) {
            throw new IllegalArgumentException("config.json: " + fields + " give " + name + " the shape "
                    + java.util.Arrays.toString(want) + ", the weights have " + java.util.Arrays.toString(got));
        }
    }

    /** Reads all weights (single file or sharded index). */
    public static Map<String, TensorData> readWeights(Path dir) throws IOException {
        return readWeights(dir, null);
    }

    /** Reads the named weights (all when null); shards holding none of them are not opened. */
    public static Map<String, TensorData> readWeights(Path dir, Set<String> wanted) throws IOException {
        Path index = dir.resolve(INDEX);
        if (Files.isRegularFile(index)) {
            JsonNode idx = JSON.readTree(index.toFile());
            JsonNode map = idx.path("weight_map");
            if (!map.isObject() || map.isEmpty()) {
                throw new IOException(index + ": missing or empty weight_map");
            }
            Set<String> files = new LinkedHashSet<>();
            Set<String> expected = new LinkedHashSet<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = map.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (wanted == null || wanted.contains(e.getKey())) {
                    files.add(e.getValue().asText());
                    expected.add(e.getKey());
                }
            }
            Map<String, TensorData> out = new LinkedHashMap<>();
            for (String f : files) {
                Path shard = dir.resolve(f).normalize();
                if (!shard.startsWith(dir.normalize())) {
                    throw new IOException(index + ": shard path escapes the checkpoint directory: " + f);
                }
                out.putAll(Safetensors.read(shard, wanted));
            }
            for (String name : expected) {
                if (!out.containsKey(name)) {
                    throw new IOException(index + ": tensor '" + name + "' not found in its shard");
                }
            }
            return out;
        }
        Path single = dir.resolve(SINGLE);
        if (!Files.isRegularFile(single)) {
            throw new IOException(dir + ": neither model.safetensors nor model.safetensors.index.json");
        }
        return Safetensors.read(single, wanted);
    }

    /**
     * Writes config + weights (sharded with an index when larger than {@code maxShardBytes}) and copies the
     * tokenizer side files from {@code sideFilesFrom} when given.
     */
    public static void write(Path dir, LlamaConfig config, Collection<TensorData> weights, DType dtype,
                             long maxShardBytes, Path sideFilesFrom) throws IOException {
        writeConfig(dir, config, dtype, sideFilesFrom);
        try (Stream<Path> old = Files.list(dir)) {
            for (Path p : (Iterable<Path>) old::iterator) {
                String n = p.getFileName().toString();
                // only previous model weights (model.safetensors, model-0000i-of-0000n.safetensors, the index):
                // other safetensors in the directory (optimizer state, reference weights) are not ours to delete
                if (n.equals(SINGLE) || n.equals(INDEX) || n.matches("model-\\d{5}-of-\\d{5}\\.safetensors")) {
                    Files.delete(p);
                }
            }
        }
        List<List<TensorData>> shards = Safetensors.shard(weights, dtype, maxShardBytes);
        Map<String, String> md = Map.of("format", "pt");
        if (shards.size() <= 1) {
            Safetensors.write(dir.resolve(SINGLE), weights, dtype, md);
        } else {
            ObjectNode index = JSON.createObjectNode();
            long total = 0;
            ObjectNode wm = JSON.createObjectNode();
            List<String> names = new ArrayList<>();
            for (int i = 0; i < shards.size(); i++) {
                String fname = String.format("model-%05d-of-%05d.safetensors", i + 1, shards.size());
                names.add(fname);
                total += Safetensors.write(dir.resolve(fname), shards.get(i), dtype, md);
                for (TensorData t : shards.get(i)) {
                    wm.put(t.name(), fname);
                }
            }
            index.putObject("metadata").put("total_size", total);
            index.set("weight_map", wm);
            Files.writeString(dir.resolve(INDEX), JSON.writerWithDefaultPrettyPrinter().writeValueAsString(index));
        }
    }

    /**
     * Writes config.json (with {@code dtype} as its dtype and torch_dtype) and copies the tokenizer side files from
     * {@code sideFilesFrom} when given: a checkpoint's description without its weights.
     */
    public static void writeConfig(Path dir, LlamaConfig config, DType dtype, Path sideFilesFrom) throws IOException {
        Files.createDirectories(dir);
        ObjectNode cfg = config.toJson();
        String name = switch (dtype) {
            case F32 -> "float32";
            case BF16 -> "bfloat16";
            case F16 -> "float16";
        };
        // "dtype" for transformers >= 4.56 (it reads that first), "torch_dtype" for older readers
        cfg.put("dtype", name);
        cfg.put("torch_dtype", name);
        Files.writeString(dir.resolve(CONFIG), JSON.writerWithDefaultPrettyPrinter().writeValueAsString(cfg) + "\n");
        if (sideFilesFrom != null && !sideFilesFrom.toAbsolutePath().normalize()
                .equals(dir.toAbsolutePath().normalize())) {
            for (String f : SIDE_FILES) {
                Path src = sideFilesFrom.resolve(f);
                if (Files.isRegularFile(src)) {
                    Files.copy(src, dir.resolve(f), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }
}
