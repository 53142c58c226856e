package org.selfchallenge.policy.train;

/**
 * Linear warmup then cosine decay to a floor. For optimizer step s (0-based), peak lr, warmup w, total N,
 * floor ratio f:
 * <pre>
 *   s &lt; w          : lr = peak (s + 1) / w
 *   N == 0         : lr = peak
 *   otherwise      : p = min(1, (s - w) / max(1, N - w));  lr = peak (f + (1 - f) (1 + cos(pi p)) / 2)
 * </pre>
 */
public record LrSchedule(double peak, int warmup, int total, double floorRatio) {
    public static LrSchedule of(TrainConfig c) {
        return new LrSchedule(c.learningRate(), c.warmupSteps(), c.totalSteps(), c.minLrRatio());
    }

    public double at(long step) {
        if (step < warmup) {
            return peak * (step + 1) / warmup;
        }
        if (total == 0) {
            return peak;
        }
        double p = Math.min(1.0, (double) (step - warmup) / Math.max(1, total - warmup));
        return peak * (floorRatio + (1 - floorRatio) * 0.5 * (1 + Math.cos(Math.PI * p)));
    }
}
