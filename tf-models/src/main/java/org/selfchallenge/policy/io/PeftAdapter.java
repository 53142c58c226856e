package org.selfchallenge.policy.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.selfchallenge.policy.model.Lora;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A LoRA adapter directory as Hugging Face PEFT writes it: {@code adapter_config.json} (peft_type LORA, r,
 * lora_alpha, target_modules, use_rslora) and {@code adapter_model.safetensors} with tensors named
 * {@value Lora#PEFT_PREFIX}{@code <module>.lora_A.weight} / {@code .lora_B.weight}.
 *
 * <p>Fail closed: PEFT keeps adding options that change what an adapter computes (DoRA's magnitudes, per-module
 * rank and alpha patterns, extra trained modules, initialisations that rewrite the base weights). A field this
 * reader does not compute is an error naming it, unless it holds its neutral value (null, false, empty) or is
 * one of {@link #IGNORED}, which do not change the adapted model's outputs. That also covers fields of PEFT
 * versions newer than this reader.
 *
 * @param lora    rank, alpha, rsLoRA and targets from the config
 * @param weights adapter tensors, named without PEFT's prefix (as {@link Lora#shapes} names them)
 */
public record PeftAdapter(Lora lora, Map<String, TensorData> weights) {
    public static final String CONFIG = "adapter_config.json";
    public static final String WEIGHTS = "adapter_model.safetensors";
    /** Fields read and checked below. */
    private static final Set<String> READ = Set.of("peft_type", "r", "lora_alpha", "target_modules", "use_rslora",
            "bias", "init_lora_weights");
    /** Metadata and training-time fields: they do not change the adapted model's outputs. */
    static final Set<String> IGNORED = Set.of("task_type", "base_model_name_or_path", "revision", "inference_mode",
            "auto_mapping", "peft_version", "lora_dropout", "megatron_core", "qalora_group_size",
            "ensure_weight_tying");
    /** init_lora_weights values that only draw A and B (others, e.g. pissa or loftq, rewrite the base). */
    private static final Set<String> PLAIN_INITS = Set.of("true", "false", "gaussian");
    private static final Pattern TENSOR = Pattern.compile("model\\.layers\\.\\d+\\.(?:self_attn|mlp)\\.(\\w+)\\.lora_[AB]\\.weight");
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
        Files.createDirectories(dir);
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
        c.put("use_rslora", lora.rslora());
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
        if (!(c instanceof ObjectNode)) {
            throw new IOException(cf + ": not a JSON object");
        }
        Lora lora = lora(c, cf);
        Map<String, TensorData> w = new LinkedHashMap<>();
        for (Map.Entry<String, TensorData> e : Safetensors.read(dir.resolve(WEIGHTS)).entrySet()) {
            String n = e.getKey();
            String name = n.startsWith(Lora.PEFT_PREFIX) ? n.substring(Lora.PEFT_PREFIX.length()) : n;
            Matcher m = TENSOR.matcher(name);
            if (!m.matches() || !lora.targets().contains(m.group(1))) {
                throw new IOException(dir.resolve(WEIGHTS) + ": tensor '" + n + "' is not the lora_A or lora_B of a "
                        + "target projection " + lora.targets() + " (DoRA magnitudes, bias adapters and saved modules "
                        + "are not supported)");
            }
            w.put(name, new TensorData(name, e.getValue().shape(), e.getValue().data()));
        }
        return new PeftAdapter(lora, w);
    }

    private static Lora lora(JsonNode c, Path cf) throws IOException {
        for (Iterator<Map.Entry<String, JsonNode>> it = c.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> f = it.next();
            if (!READ.contains(f.getKey()) && !IGNORED.contains(f.getKey()) && !neutral(f.getValue())) {
                throw new IOException(cf + ": " + f.getKey() + " = " + f.getValue() + " is not supported (this reader "
                        + "computes plain LoRA or rsLoRA with one rank and alpha for every target)");
            }
        }
        if (!"LORA".equals(c.path("peft_type").asText())) {
            throw new IOException(cf + ": peft_type " + c.path("peft_type") + ", only LORA is supported");
        }
        if (!"none".equals(c.path("bias").asText("none"))) {
            throw new IOException(cf + ": bias " + c.path("bias") + ", only \"none\" is supported");
        }
        JsonNode init = c.get("init_lora_weights");
        if (init != null && !init.isNull() && !PLAIN_INITS.contains(init.asText().toLowerCase(Locale.ROOT))) {
            throw new IOException(cf + ": init_lora_weights = " + init + " is not supported (it changes the base "
                    + "weights; supported: true, false, gaussian)");
        }
        JsonNode rs = c.path("use_rslora");
        if (!rs.isMissingNode() && !rs.isNull() && !rs.isBoolean()) {
            throw new IOException(cf + ": use_rslora must be true or false, got " + rs);
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
        try {
            return new Lora(r, c.path("lora_alpha").asDouble(Double.NaN), targets, rs.asBoolean(false));
        } catch (IllegalArgumentException e) {
            throw new IOException(cf + ": " + e.getMessage(), e);
        }
    }

    /** The value a PEFT field has when its option is off. */
    private static boolean neutral(JsonNode v) {
        return v.isNull() || (v.isBoolean() && !v.asBoolean()) || (v.isContainerNode() && v.isEmpty());
    }
}
