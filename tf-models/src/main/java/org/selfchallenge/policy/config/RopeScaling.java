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

    /** Applies the scaling to inverse frequencies (in place) and returns them. */
    public double[] apply(double[] invFreq) {
        if (LINEAR.equals(type)) {
            for (int i = 0; i < invFreq.length; i++) {
                invFreq[i] /= factor;
            }
            return invFreq;
        }
        if (!LLAMA3.equals(type)) {
            throw new IllegalStateException("unsupported rope_scaling type: " + type);
        }
        double lowWavelen = originalMaxPositionEmbeddings / lowFreqFactor;
        double highWavelen = originalMaxPositionEmbeddings / highFreqFactor;
        for (int i = 0; i < invFreq.length; i++) {
            double f = invFreq[i];
            double wavelen = 2 * Math.PI / f;
            if (wavelen < highWavelen) {
                continue;
            }
            if (wavelen > lowWavelen) {
                invFreq[i] = f / factor;
            } else {
                double s = (originalMaxPositionEmbeddings / wavelen - lowFreqFactor) / (highFreqFactor - lowFreqFactor);
                invFreq[i] = (1 - s) * f / factor + s * f;
            }
        }
        return invFreq;
    }
}
