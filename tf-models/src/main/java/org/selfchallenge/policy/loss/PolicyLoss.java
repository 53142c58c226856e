package org.selfchallenge.policy.loss;

import org.tensorflow.op.Ops;

/** A training objective built into the graph from {@link LossInputs}. */
public interface PolicyLoss {
    LossOutput build(Ops tf, LossInputs in);

    /** Whether the loss reads behaviour log-probs. */
    default boolean needsBehaviourLogprobs() {
        return false;
    }

    /** Whether the loss reads reference-policy log-probs. */
    default boolean needsReference() {
        return false;
    }
}
