package org.selfchallenge.policy.loss;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * SFT / rejection fine-tuning: masked negative log-likelihood, averaged over trainable tokens.
 * <pre>  L = - sum_{b,t} m_{b,t} logp_{b,t} / sum_{b,t} m_{b,t}  </pre>
 */
public final class MaskedNllLoss implements PolicyLoss {
    @Override
    public LossOutput build(Ops tf, LossInputs in) {
        Operand<TFloat32> s = tf.sum(tf.math.mul(in.mask(), in.logp()), tf.constant(new int[]{0, 1}));
        return new LossOutput(tf.math.neg(tf.math.mul(s, in.tokenNorm())),
                tf.constant(0f), tf.constant(0f), tf.constant(0f)); // distinct ops: fetched together
    }

    /** Reference value in double, for checks: the same formula over Java arrays. */
    public static double value(float[][] logp, float[][] mask) {
        double s = 0;
        double n = 0;
        for (int b = 0; b < logp.length; b++) {
            for (int t = 0; t < logp[b].length; t++) {
                s += mask[b][t] * logp[b][t];
                n += mask[b][t];
            }
        }
        return -s / n;
    }
}
