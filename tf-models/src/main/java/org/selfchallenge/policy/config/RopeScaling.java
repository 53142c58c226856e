package org.selfchallenge.policy.config;

/**
 * RoPE frequency scaling ({@code rope_type} llama3, linear or yarn), applied to the inverse frequencies
 * f_i = 1 / theta^(2i/d). L = original_max_position_embeddings.
 * <pre>
 *   linear: f' = f / factor   (positions divided by factor)
 *   llama3, for each f with wavelength w = 2&pi;/f:
 *     w &lt; L/high_freq_factor             : f' = f
 *     w &gt; L/low_freq_factor              : f' = f / factor
 *     otherwise, s = (L/w - low)/(high - low): f' = (1 - s) f / factor + s f
 *   yarn (Peng et al. 2023): ramp r_i = clamp((i - lo) / (hi - lo), 0, 1) over i &lt; d/2, with
 *     lo, hi = the dimensions where the number of rotations over L is beta_fast and beta_slow,
 *     dim(n) = d ln(L / (2&pi; n)) / (2 ln theta)   (floored / ceiled unless truncate = false);
 *     f' = (f / factor) r_i + f (1 - r_i),   and cos, sin are multiplied by attention_factor
 *     (default 0.1 ln(factor) + 1, or mscale / mscale_all_dim of it)
 * </pre>
 * Everything is computed in float32 with transformers' order of operations ({@code _compute_*_parameters} in
 * {@code modeling_rope_utils}; {@code c / t} on a tensor is {@code t.reciprocal() * c}): with random weights a
 * one-ulp difference in a frequency moves logits by ~6e-5.
 */
public record RopeScaling(String type, double factor, double lowFreqFactor, double highFreqFactor,
                          int originalMaxPositionEmbeddings, double betaFast, double betaSlow, boolean truncate,
                          double attentionFactor) {

    public static final String LLAMA3 = "llama3";
    public static final String LINEAR = "linear";
    public static final String YARN = "yarn";

    public static RopeScaling linear(double factor) {
        return new RopeScaling(LINEAR, factor, 0, 0, 0, 0, 0, false, 1);
    }

    public static RopeScaling llama3(double factor, double low, double high, int originalMax) {
        return new RopeScaling(LLAMA3, factor, low, high, originalMax, 0, 0, false, 1);
    }

    /** {@code attentionFactor} null: the paper's default from factor, mscale and mscale_all_dim. */
    public static RopeScaling yarn(double factor, int originalMax, double betaFast, double betaSlow, boolean truncate,
                                   Double attentionFactor, double mscale, double mscaleAllDim) {
        double af = attentionFactor != null ? attentionFactor
                : mscale != 0 && mscaleAllDim != 0 ? mscale(factor, mscale) / mscale(factor, mscaleAllDim)
                : mscale(factor, 1);
        return new RopeScaling(YARN, factor, 0, 0, originalMax, betaFast, betaSlow, truncate, af);
    }

    private static double mscale(double scale, double m) {
        return scale <= 1 ? 1.0 : 0.1 * m * Math.log(scale) + 1.0;
    }

    /**
     * theta^(2i/d) for i &lt; d/2, as transformers computes it: {@code base ** (arange(0, d, 2).float() / d)} in
     * float32. The unscaled inverse frequencies are their reciprocals.
     */
    public static float[] positionFrequencies(double theta, int headDim) {
        float[] p = new float[headDim / 2];
        for (int i = 0; i < p.length; i++) {
            float exponent = (float) (2 * i) / (float) headDim;
            p[i] = (float) Math.pow((float) theta, exponent);
        }
        return p;
    }

    /** Applies the scaling to inverse frequencies of a head of {@code headDim} (in place) and returns them. */
    public float[] apply(float[] invFreq, double theta, int headDim) {
        switch (type) {
            case LINEAR -> {
                for (int i = 0; i < invFreq.length; i++) {
                    invFreq[i] /= (float) factor;
                }
            }
            case LLAMA3 -> llama3(invFreq);
            case YARN -> yarn(invFreq, theta, headDim);
            default -> throw new IllegalStateException("unsupported rope scaling type: " + type);
        }
        return invFreq;
    }

    private void llama3(float[] invFreq) {
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
    }

    private void yarn(float[] invFreq, double theta, int d) {
        double lo = correctionDim(betaFast, d, theta);
        double hi = correctionDim(betaSlow, d, theta);
        if (truncate) {
            lo = Math.floor(lo);
            hi = Math.ceil(hi);
        }
        lo = Math.max(lo, 0);
        hi = Math.min(hi, d - 1);
        if (lo == hi) {
            hi += 0.001; // as transformers: no division by zero
        }
        float[] pos = positionFrequencies(theta, d);
        for (int i = 0; i < invFreq.length; i++) {
            float posFreq = pos[i];
            float extrapolation = 1f / posFreq;
            float interpolation = 1f / ((float) factor * posFreq);
            float ramp = Math.min(Math.max(((float) i - (float) lo) / (float) (hi - lo), 0f), 1f);
            float extrapolationFactor = 1 - ramp;
            invFreq[i] = interpolation * (1 - extrapolationFactor) + extrapolation * extrapolationFactor;
        }
    }

    private double correctionDim(double rotations, int d, double theta) {
        return (d * Math.log(originalMaxPositionEmbeddings / (rotations * 2 * Math.PI))) / (2 * Math.log(theta));
    }

    /** The factor on cos and sin (yarn's attention_factor; 1 otherwise). */
    public float attentionScaling() {
        return (float) attentionFactor;
    }
}
