package org.selfchallenge.policy.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.selfchallenge.policy.model.Lora;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A LoRA adapter directory as Hugging Face PEFT writes it: {@code adapter_config.json} (peft_type LORA, r,
 * lora_alpha, target_modules) and {@code adapter_model.safetensors} with tensors named
 * {@value Lora#PEFT_PREFIX}{@code <module>.lora_A.weight} / {@code .lora_B.weight}. Only what the trainer
 * models is accepted: no dropout at training time is assumed, no bias adapters, targets given as
 * projection names.
 *
 * @param lora    rank, alpha and targets from the config
 * @param weights adapter tensors, named without PEFT's prefix (as {@link Lora#shapes} names them)
 */
public record PeftAdapter(Lora lora, Map<String, TensorData> weights) {
    public static final String CONFIG = "adapter_config.json";
    public static final String WEIGHTS = "adapter_model.safetensors";
    private static final ObjectMapper JSON = new ObjectMapper();

    public static boolean present(Path dir) {
        return Files.isRegularFile(dir.resolve(WEIGHTS));
    }

    /** Writes {@code adapters} (names without the prefix) with {@code lora}'s settings into {@code dir}. */
    public static void write(Path dir, Lora lora, List<TensorData> adapters) throws IOException {
        write(dir, lora, adapters, null);
    }

    /** As {@link #write(Path, Lora, List)}, naming the base model ({@code base_model_name_or_path}) when given. */
    public static void write(Path dir, Lora lora, List<TensorData> adapters, String baseModel) throws IOException {
        List<TensorData> peft = new ArrayList<>();
        adapters.forEach(a -> peft.add(new TensorData(Lora.PEFT_PREFIX + a.name(), a.shape(), a.data())));
        Safetensors.write(dir.resolve(WEIGHTS), peft, DType.F32, Map.of("format", "pt"));
        ObjectNode c = JSON.createObjectNode();
        c.put("peft_type", "LORA");
        c.put("task_type", "CAUSAL_LM");
        if (baseModel != null) {
            c.put("base_model_name_or_path", baseModel);
        }
        c.put("r", lora.rank());
        c.put("lora_alpha", lora.alpha());
        c.put("lora_dropout", 0.0);
        c.put("bias", "none");
        lora.targets().forEach(c.putArray("target_modules")::add);
        Files.writeString(dir.resolve(CONFIG), JSON.writerWithDefaultPrettyPrinter().writeValueAsString(c));
    }

    /** Reads an adapter directory; a config this trainer cannot reproduce is an error naming the field. */
    public static PeftAdapter read(Path dir) throws IOException {
        Path cf = dir.resolve(CONFIG);
        if (!Files.isRegularFile(cf)) {
            throw new IOException(dir + ": no " + CONFIG + " (not a PEFT adapter)");
        }
        JsonNode c = JSON.readTree(cf.toFile());
        if (!"LORA".equals(c.path("peft_type").asText())) {
            throw new IOException(cf + ": peft_type " + c.path("peft_type") + ", only LORA is supported");
        }
        if (!"none".equals(c.path("bias").asText("none"))) {
            throw new IOException(cf + ": bias " + c.path("bias") + ", only \"none\" is supported");
        }
        JsonNode tm = c.path("target_modules");
        if (!tm.isArray()) {
            throw new IOException(cf + ": target_modules must be a list of projection names, got " + tm);
        }
        List<String> targets = new ArrayList<>();
        tm.forEach(t -> targets.add(t.asText()));
        int r = c.path("r").asInt(0);
        if (r < 1) {
            throw new IOException(cf + ": r must be a positive rank, got " + c.path("r"));
        }
        Lora lora;
        try {
            lora = new Lora(r, c.path("lora_alpha").asDouble(Double.NaN), targets);
        } catch (IllegalArgumentException e) {
            throw new IOException(cf + ": " + e.getMessage(), e);
        }
        Map<String, TensorData> w = new LinkedHashMap<>();
        Safetensors.read(dir.resolve(WEIGHTS)).forEach((n, d) -> {
            String name = n.startsWith(Lora.PEFT_PREFIX) ? n.substring(Lora.PEFT_PREFIX.length()) : n;
            w.put(name, new TensorData(name, d.shape(), d.data()));
        });
        return new PeftAdapter(lora, w);
    }
}
