package org.selfchallenge.policy.model;

import org.selfchallenge.policy.config.LlamaConfig;
import org.selfchallenge.policy.io.TensorData;
import org.selfchallenge.policy.sample.SplitMix64;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Random initialisation as Hugging Face's Llama {@code _init_weights}: linear and embedding weights ~
 * N(0, initializer_range^2) (default 0.02), RMSNorm weights 1, biases 0. Gaussians come from SplitMix64 via
 * Box-Muller, so a seed fixes every value on every platform.
 */
public final class RandomInit {
    public static final double DEFAULT_INIT_RANGE = 0.02;

    private RandomInit() {
    }

    public static Map<String, TensorData> weights(LlamaConfig config, long seed, double std) {
        SplitMix64 rng = new SplitMix64(seed);
        Map<String, TensorData> out = new LinkedHashMap<>();
        for (Map.Entry<String, long[]> e : WeightNames.shapes(config).entrySet()) {
            long n = 1;
            for (long s : e.getValue()) {
                n *= s;
            }
            float[] d = new float[Math.toIntExact(n)];
            String name = e.getKey();
            if (name.endsWith("norm.weight")) {
                java.util.Arrays.fill(d, 1f);
            } else if (!name.endsWith(".bias")) {
                for (int i = 0; i < d.length; i += 2) {
                    double u1 = 1.0 - rng.nextDouble();
                    double u2 = rng.nextDouble();
                    double r = Math.sqrt(-2 * Math.log(u1));
                    d[i] = (float) (std * r * Math.cos(2 * Math.PI * u2));
                    if (i + 1 < d.length) {
                        d[i + 1] = (float) (std * r * Math.sin(2 * Math.PI * u2));
                    }
                }
            }
            out.put(name, new TensorData(name, e.getValue(), d));
        }
        return out;
    }
}
