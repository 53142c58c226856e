package org.selfchallenge.policy.config;

/**
 * Llama-3 style RoPE frequency scaling ({@code rope_scaling.rope_type == "llama3"}). For each inverse
 * frequency f with wavelength w = 2&pi;/f, L = original_max_position_embeddings:
 * <pre>
 *   w &lt; L/high_freq_factor            : f' = f
 *   w &gt; L/low_freq_factor             : f' = f / factor
 *   otherwise, s = (L/w - low)/(high - low): f' = (1 - s) f / factor + s f
 * </pre>
 * Linear scaling ({@code "linear"}) divides positions by {@code factor}, i.e. f' = f / factor.
 */
public record RopeScaling(String type, double factor, double lowFreqFactor, double highFreqFactor,
                          int originalMaxPositionEmbeddings) {

    public static final String LLAMA3 = "llama3";
    public static final String LINEAR = "linear";

    /**
     * Applies the scaling to inverse frequencies (in place) and returns them. Computed in float32 with
     * transformers' order of operations ({@code _compute_llama3_parameters}; {@code c / t} on a tensor is
     * {@code t.reciprocal() * c}): with random weights a one-ulp difference in a frequency moves logits by ~6e-5.
     */
    public float[] apply(float[] invFreq) {
        if (LINEAR.equals(type)) {
            for (int i = 0; i < invFreq.length; i++) {
                invFreq[i] /= (float) factor;
            }
            return invFreq;
        }
        if (!LLAMA3.equals(type)) {
            throw new IllegalStateException("unsupported rope scaling type: " + type);
        }
        float lowWavelen = (float) (originalMaxPositionEmbeddings / lowFreqFactor);
        float highWavelen = (float) (originalMaxPositionEmbeddings / highFreqFactor);
        float f32Factor = (float) factor;
        for (int i = 0; i < invFreq.length; i++) {
            float f = invFreq[i];
            float wavelen = (1f / f) * (float) (2 * Math.PI);
            float scaled = wavelen > lowWavelen ? f / f32Factor : f;
            if (!(wavelen < highWavelen) && !(wavelen > lowWavelen)) {
                float s = ((1f / wavelen) * originalMaxPositionEmbeddings - (float) lowFreqFactor)
                        / (float) (highFreqFactor - lowFreqFactor);
                scaled = (1 - s) * scaled / f32Factor + s * scaled;
            }
            invFreq[i] = scaled;
        }
        return invFreq;
    }
}
