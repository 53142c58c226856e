package org.selfchallenge.policy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;

/** Access to the PyTorch golden fixtures (src/test/python/make_goldens.py). */
public final class Goldens {
    public static final List<String> NAMES = List.of("llama_gqa_rope3_bf16", "qwen2_bias_tied",
            "mistral_headdim_f16", "llama_attnbias_sharded", "mistral_sliding_window");

    private Goldens() {
    }

    public static Path dir(String name) {
        try {
            return Path.of(Goldens.class.getResource("/goldens/" + name + "/config.json").toURI()).getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    public static JsonNode golden(String name) throws IOException {
        return new ObjectMapper().readTree(dir(name).resolve("golden.json").toFile());
    }

    public static int[] ints(JsonNode n) {
        int[] a = new int[n.size()];
        for (int i = 0; i < a.length; i++) {
            a[i] = n.get(i).asInt();
        }
        return a;
    }

    public static float[] floats(JsonNode n) {
        float[] a = new float[n.size()];
        for (int i = 0; i < a.length; i++) {
            a[i] = (float) n.get(i).asDouble();
        }
        return a;
    }

    public static boolean[] mask(JsonNode n) {
        boolean[] a = new boolean[n.size()];
        for (int i = 0; i < a.length; i++) {
            a[i] = n.get(i).asInt() != 0;
        }
        return a;
    }
}
