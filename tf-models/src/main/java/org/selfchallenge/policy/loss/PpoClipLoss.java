package org.selfchallenge.policy.loss;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * PPO clipped surrogate (Schulman et al. 2017) against stored behaviour log-probs, with an optional KL
 * penalty to a frozen reference policy using the k3 estimator (Schulman 2020):
 * <pre>
 *   r_{b,t} = exp(logp_{b,t} - old_{b,t})
 *   s_{b,t} = min(r A_b, clip(r, 1 - eps, 1 + eps) A_b)
 *   k3_{b,t} = exp(ref - logp) - (ref - logp) - 1          (&gt;= 0, unbiased for KL(pi || ref))
 *   L = sum_{b,t} m_{b,t} (-s_{b,t} + beta k3_{b,t}) / sum_{b,t} m_{b,t}
 * </pre>
 * A token counts as clipped when the clipped branch is the active minimum (r outside [1-eps, 1+eps] on the
 * side that would increase the objective).
 */
public final class PpoClipLoss implements PolicyLoss {
    private final double clipEps;
    private final double klCoef;

    public PpoClipLoss(double clipEps, double klCoef) {
        if (!(clipEps > 0)) {
            throw new IllegalArgumentException("clipEps must be > 0: " + clipEps);
        }
        if (!(klCoef >= 0)) {
            throw new IllegalArgumentException("klCoef must be >= 0: " + klCoef);
        }
        this.clipEps = clipEps;
        this.klCoef = klCoef;
    }

    @Override
    public boolean needsBehaviourLogprobs() {
        return true;
    }

    @Override
    public boolean needsReference() {
        return klCoef > 0;
    }

    @Override
    public LossOutput build(Ops tf, LossInputs in) {
        Operand<TFloat32> a = tf.expandDims(in.advantages(), tf.constant(1));
        Operand<TFloat32> ratio = tf.math.exp(tf.math.sub(in.logp(), in.oldLogp()));
        Operand<TFloat32> clipped = tf.math.minimum(tf.math.maximum(ratio, tf.constant((float) (1 - clipEps))),
                tf.constant((float) (1 + clipEps)));
        Operand<TFloat32> s1 = tf.math.mul(ratio, a);
        Operand<TFloat32> s2 = tf.math.mul(clipped, a);
        Operand<TFloat32> surr = tf.math.minimum(s1, s2);
        Operand<TFloat32> term = tf.math.neg(surr);
        Operand<TFloat32> klSum = tf.constant(0f);
        if (klCoef > 0) {
            Operand<TFloat32> d = tf.math.sub(in.refLogp(), in.logp());
            Operand<TFloat32> k3 = tf.math.sub(tf.math.sub(tf.math.exp(d), d), tf.constant(1f));
            term = tf.math.add(term, tf.math.mul(k3, tf.constant((float) klCoef)));
            klSum = tf.sum(tf.math.mul(in.mask(), k3), tf.constant(new int[]{0, 1}));
        }
        Operand<TFloat32> loss = tf.math.mul(tf.sum(tf.math.mul(in.mask(), term), tf.constant(new int[]{0, 1})),
                in.tokenNorm());
        Operand<TFloat32> ratioSum = tf.sum(tf.math.mul(in.mask(), tf.stopGradient(ratio)), tf.constant(new int[]{0, 1}));
        Operand<TFloat32> isClipped = tf.dtypes.cast(tf.math.greater(s1, s2), TFloat32.class);
        Operand<TFloat32> clipSum = tf.sum(tf.math.mul(in.mask(), tf.stopGradient(isClipped)),
                tf.constant(new int[]{0, 1}));
        return new LossOutput(loss, ratioSum, clipSum, klSum);
    }
}
