package org.selfchallenge.udf;

import org.apache.spark.util.AccumulatorV2;

import java.io.Serializable;
import java.util.HashMap;
import java.util.Map;

/**
 * Verdicts per (environment, reason code), counted by {@link VerifyCat} as it verifies: a stage gets
 * its filter report from the pass that wrote the verdicts instead of reading them back. Spark applies
 * a task's accumulator updates once, from its successful attempt, when the UDF runs in the job's final
 * stage (a write or collect), so retried and speculative tasks do not count twice there.
 */
public final class VerdictCounts extends AccumulatorV2<VerdictCounts.Key, Map<VerdictCounts.Key, Long>> {
    private static final long serialVersionUID = 1L;

    /** One count's key; {@code reason} is {@code VALID} for tasks that passed every check. */
    public record Key(String env, String reason) implements Serializable {
    }

    private final HashMap<Key, Long> counts = new HashMap<>();

    @Override
    public boolean isZero() {
        return counts.isEmpty();
    }

    @Override
    public VerdictCounts copy() {
        VerdictCounts c = new VerdictCounts();
        c.counts.putAll(counts);
        return c;
    }

    @Override
    public void reset() {
        counts.clear();
    }

    @Override
    public void add(Key k) {
        counts.merge(k, 1L, Long::sum);
    }

    @Override
    public void merge(AccumulatorV2<Key, Map<Key, Long>> other) {
        other.value().forEach((k, n) -> counts.merge(k, n, Long::sum));
    }

    /** The counts (a copy: the accumulator may still be updated). */
    @Override
    public Map<Key, Long> value() {
        return new HashMap<>(counts);
    }
}
