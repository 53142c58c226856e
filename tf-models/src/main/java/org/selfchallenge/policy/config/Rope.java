package org.selfchallenge.policy.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The rotary position embedding of a {@code config.json}, read from either generation of the format:
 * <ul>
 *   <li>transformers &lt; 5: top-level {@code rope_theta} and {@code rope_scaling} ({@code {"rope_type" | "type",
 *       "factor", ...}}, null for none);</li>
 *   <li>transformers &ge; 5: {@code rope_parameters} ({@code {"rope_type", "rope_theta", "factor", ...}}).</li>
 * </ul>
 * The precedence is transformers 5's own ({@code RotaryEmbeddingConfigMixin.convert_rope_params_to_dict}):
 * {@code rope_scaling} replaces {@code rope_parameters} when both are present; theta comes from that dict,
 * else from the top-level {@code rope_theta}, else {@value LlamaConfig#DEFAULT_ROPE_THETA}.
 *
 * <p>Fail closed: every key of the dict changes the numerics, so a rope type or a key this policy does not
 * compute is an error naming it, never ignored (a wrong theta alone moves logits by several units).
 *
 * @param theta   the base wavelength
 * @param scaling llama3, linear or yarn frequency scaling; null for the default rope
 * @param params  the dict as read, with rope_type, rope_theta and defaults filled in (what is written back)
 */
public record Rope(double theta, RopeScaling scaling, ObjectNode params) {
    private static final String DEFAULT = "default";
    /** Keys each supported rope_type may carry besides rope_type/type, rope_theta and partial_rotary_factor. */
    private static final Map<String, Set<String>> KEYS = Map.of(
            DEFAULT, Set.of(),
            RopeScaling.LINEAR, Set.of("factor"),
            RopeScaling.LLAMA3, Set.of("factor", "low_freq_factor", "high_freq_factor",
                    "original_max_position_embeddings"),
            RopeScaling.YARN, Set.of("factor", "original_max_position_embeddings", "beta_fast", "beta_slow",
                    "truncate", "attention_factor", "mscale", "mscale_all_dim"));
    private static final Set<String> COMMON = Set.of("rope_type", "type", "rope_theta", "partial_rotary_factor");
    private static final List<String> LAYER_TYPES = List.of("full_attention", "sliding_attention",
            "chunked_attention", "linear_attention");

    public Rope {
        if (!(theta > 0) || Double.isInfinite(theta)) {
            throw new IllegalArgumentException("config.json: rope_theta must be a positive number, got " + theta);
        }
    }

    /** Reads the rope of a config.json object; {@code maxPositions} is its max_position_embeddings. */
    public static Rope parse(ObjectNode n, int maxPositions) {
        String field = n.hasNonNull("rope_scaling") ? "rope_scaling" : "rope_parameters";
        JsonNode p = n.get(field);
        if (p != null && !p.isNull() && !p.isObject()) {
            throw new IllegalArgumentException("config.json: " + field + " must be an object, got " + p);
        }
        double topTheta = number(n, "rope_theta", LlamaConfig.DEFAULT_ROPE_THETA, "config.json: rope_theta");
        checkFullRotary(n, "partial_rotary_factor");
        if (p == null || p.isNull() || p.isEmpty()) {
            return new Rope(topTheta, null, canonical(JsonNodeFactory.instance.objectNode(), DEFAULT, topTheta));
        }
        for (String layerType : LAYER_TYPES) {
            if (p.has(layerType)) {
                throw new IllegalArgumentException("config.json: " + field + "." + layerType
                        + ": rope parameters per layer type are not supported");
            }
        }
        String type = p.hasNonNull("rope_type") ? p.get("rope_type").asText() : p.path("type").asText(DEFAULT);
        Set<String> allowed = KEYS.get(type);
        if (allowed == null) {
            throw new IllegalArgumentException("config.json: " + field + ".rope_type '" + type
                    + "' is not supported (supported: default, linear, llama3, yarn)");
        }
        for (Iterator<String> it = p.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (!COMMON.contains(k) && !allowed.contains(k)) {
                throw new IllegalArgumentException("config.json: " + field + "." + k
                        + " is not supported for rope_type '" + type + "'");
            }
        }
        checkFullRotary(p, "partial_rotary_factor");
        String where = "config.json: " + field + ".";
        double theta = p.hasNonNull("rope_theta") ? number(p, "rope_theta", 0, where + "rope_theta") : topTheta;
        ObjectNode params = canonical(p.deepCopy(), type, theta);
        if (DEFAULT.equals(type)) {
            return new Rope(theta, null, params);
        }
        double factor = required(p, "factor", where);
        if (!(factor > 0)) {
            throw new IllegalArgumentException(where + "factor must be positive, got " + factor);
        }
        if (RopeScaling.LINEAR.equals(type)) {
            return new Rope(theta, RopeScaling.linear(factor), params);
        }
        // as transformers' standardize_rope_params: the dict's value, else max_position_embeddings (a top-level
        // original_max_position_embeddings is not read for these model types)
        double original = p.hasNonNull("original_max_position_embeddings")
                ? number(p, "original_max_position_embeddings", 0, where + "original_max_position_embeddings")
                : maxPositions;
        if (!(original >= 1) || original != Math.rint(original)) {
            throw new IllegalArgumentException(where + "original_max_position_embeddings must be a positive "
                    + "integer, got " + original);
        }
        params.put("original_max_position_embeddings", (int) original);
        if (RopeScaling.YARN.equals(type)) {
            return new Rope(theta, yarn(p, where, factor, (int) original), params);
        }
        double low = required(p, "low_freq_factor", where);
        double high = required(p, "high_freq_factor", where);
        if (!(low > 0) || !(high > low)) {
            throw new IllegalArgumentException(where + "low_freq_factor and high_freq_factor must satisfy "
                    + "0 < low < high, got " + low + ", " + high);
        }
        return new Rope(theta, RopeScaling.llama3(factor, low, high, (int) original), params);
    }

    /** yarn's optional keys, defaulted as transformers' _compute_yarn_parameters does ("x or default"). */
    private static RopeScaling yarn(JsonNode p, String where, double factor, int original) {
        double betaFast = number(p, "beta_fast", 0, where + "beta_fast");
        double betaSlow = number(p, "beta_slow", 0, where + "beta_slow");
        JsonNode truncate = p.get("truncate");
        if (truncate != null && !truncate.isNull() && !truncate.isBoolean()) {
            throw new IllegalArgumentException(where + "truncate must be true or false, got " + truncate);
        }
        Double attention = p.hasNonNull("attention_factor")
                ? number(p, "attention_factor", 0, where + "attention_factor") : null;
        return RopeScaling.yarn(factor, original, betaFast == 0 ? 32 : betaFast, betaSlow == 0 ? 1 : betaSlow,
                truncate == null || truncate.isNull() || truncate.asBoolean(), attention,
                number(p, "mscale", 0, where + "mscale"), number(p, "mscale_all_dim", 0, where + "mscale_all_dim"));
    }

    private static ObjectNode canonical(ObjectNode p, String type, double theta) {
        p.remove("type");
        p.put("rope_type", type);
        p.put("rope_theta", theta);
        return p;
    }

    /**
     * Writes both generations, consistently: {@code rope_parameters} for transformers 5 and
     * {@code rope_theta} (+ {@code rope_scaling} when scaled) for older readers.
     */
    public void writeTo(ObjectNode n) {
        n.set("rope_parameters", params.deepCopy());
        n.put("rope_theta", theta);
        n.remove("rope_scaling");
        if (scaling != null) {
            ObjectNode s = params.deepCopy();
            s.remove("rope_theta");
            n.set("rope_scaling", s);
        }
    }

    private static void checkFullRotary(JsonNode n, String key) {
        if (n.hasNonNull(key) && n.get(key).asDouble(Double.NaN) != 1.0) {
            throw new IllegalArgumentException("config.json: " + key + " " + n.get(key)
                    + " is not supported (only the full head is rotated)");
        }
    }

    private static double required(JsonNode p, String key, String where) {
        if (!p.hasNonNull(key)) {
            throw new IllegalArgumentException(where + key + " is required for rope_type '"
                    + p.path("rope_type").asText(p.path("type").asText()) + "'");
        }
        return number(p, key, 0, where + key);
    }

    private static double number(JsonNode n, String key, double absent, String what) {
        JsonNode v = n.get(key);
        if (v == null || v.isNull()) {
            return absent;
        }
        if (!v.isNumber() || !Double.isFinite(v.asDouble())) {
            throw new IllegalArgumentException(what + " must be a finite number, got " + v);
        }
        return v.asDouble();
    }
}
