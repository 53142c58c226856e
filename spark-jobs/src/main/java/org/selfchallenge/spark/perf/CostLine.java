package org.selfchallenge.spark.perf;

import java.util.List;

/**
 * A stage's time as a straight line in its size, {@code t(n) = fixed + perItem · n}, fitted by least
 * squares over the sizes a benchmark ran. Two such lines, Spark's and the plain loop's, split Spark's cost
 * into what it adds once per stage (jobs scheduled, files committed: {@link #fixedOver}) and what it adds
 * to every item (row conversion, encoding: {@link #marginalOver}), which is what decides the overhead at
 * the volumes the method runs at.
 */
public record CostLine(double fixed, double perItem) {

    /**
     * Ordinary least squares through {@code (sizes[i], seconds[i])}:
     * perItem = Σ(n − n̄)(t − t̄) / Σ(n − n̄)², fixed = t̄ − perItem · n̄.
     *
     * @throws IllegalArgumentException fewer than two distinct sizes, or lists of unequal length
     */
    public static CostLine fit(List<Integer> sizes, List<Double> seconds) {
        if (sizes.size() != seconds.size()) {
            throw new IllegalArgumentException(sizes.size() + " sizes but " + seconds.size() + " times");
        }
        double nMean = sizes.stream().mapToDouble(Integer::doubleValue).average().orElse(0);
        double tMean = seconds.stream().mapToDouble(Double::doubleValue).average().orElse(0);
        double sxy = 0;
        double sxx = 0;
        for (int i = 0; i < sizes.size(); i++) {
            double dx = sizes.get(i) - nMean;
            sxy += dx * (seconds.get(i) - tMean);
            sxx += dx * dx;
        }
        if (sxx == 0) {
            throw new IllegalArgumentException("a cost line needs at least two different sizes, got " + sizes);
        }
        double slope = sxy / sxx;
        return new CostLine(tMean - slope * nMean, slope);
    }

    /** Seconds this line adds once per stage over {@code base}. */
    public double fixedOver(CostLine base) {
        return fixed - base.fixed;
    }

    /** Relative cost per item over {@code base}: perItem / base.perItem − 1. */
    public double marginalOver(CostLine base) {
        return perItem / base.perItem - 1;
    }

    /**
     * Smallest size from which on this line's overhead over {@code base} stays at most {@code ratio}
     * (∞ when the per-item overhead alone exceeds it).
     */
    public double sizeForOverhead(CostLine base, double ratio) {
        // fixed + p n <= (1 + ratio)(bf + bp n)  <=>  n (p - (1 + ratio) bp) <= (1 + ratio) bf - fixed
        double lhs = perItem - (1 + ratio) * base.perItem;
        double rhs = (1 + ratio) * base.fixed - fixed;
        if (lhs > 0) {
            return Double.POSITIVE_INFINITY;
        }
        if (lhs == 0) {
            return rhs >= 0 ? 0 : Double.POSITIVE_INFINITY;
        }
        return Math.max(0, rhs / lhs);
    }
}
