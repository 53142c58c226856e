package org.selfchallenge.spark.dedup;

import org.apache.spark.util.AccumulatorV2;

import java.util.ArrayList;
import java.util.List;

/**
 * The hashed instructions of a pass, gathered on the driver: the verify pass hashes the tasks it accepts
 * as it writes them ({@link NearDuplicateFilter#keptAndSigned}), so the near-duplicate filter needs no
 * Spark job of its own. As with the verdict counts, Spark applies a task's updates once, from its
 * successful attempt, when the pass is the job's final stage. The order of the list follows task
 * completion: everything downstream ({@link Bands#flagAll}, {@link HeldoutSignatures#write}) is order-free.
 */
public final class SignedTasks extends AccumulatorV2<Bands.Signed, List<Bands.Signed>> {
    private static final long serialVersionUID = 1L;
    private final ArrayList<Bands.Signed> signed = new ArrayList<>();

    @Override
    public boolean isZero() {
        return signed.isEmpty();
    }

    @Override
    public SignedTasks copy() {
        SignedTasks c = new SignedTasks();
        c.signed.addAll(signed);
        return c;
    }

    @Override
    public void reset() {
        signed.clear();
    }

    @Override
    public void add(Bands.Signed s) {
        signed.add(s);
    }

    @Override
    public void merge(AccumulatorV2<Bands.Signed, List<Bands.Signed>> other) {
        signed.addAll(other.value());
    }

    /** The hashed tasks so far (a copy: the accumulator may still be updated). */
    @Override
    public List<Bands.Signed> value() {
        return new ArrayList<>(signed);
    }
}
