package org.selfchallenge.policy.loss;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * REINFORCE with a baseline: advantage A_b = R_b - mean_b'(R_b') (the batch-mean baseline, see
 * {@link #advantages(double[])}), or a caller-given advantage; token-level normalisation:
 * <pre>  L = - sum_{b,t} m_{b,t} A_b logp_{b,t} / sum_{b,t} m_{b,t}  </pre>
 */
public final class ReinforceLoss implements PolicyLoss {
    @Override
    public LossOutput build(Ops tf, LossInputs in) {
        Operand<TFloat32> a = tf.expandDims(in.advantages(), tf.constant(1));
        Operand<TFloat32> s = tf.sum(tf.math.mul(tf.math.mul(in.mask(), in.logp()), a), tf.constant(new int[]{0, 1}));
        return new LossOutput(tf.math.neg(tf.math.mul(s, in.tokenNorm())),
                tf.constant(0f), tf.constant(0f), tf.constant(0f)); // distinct ops: fetched together
    }

    /** A_b = R_b - mean(R). */
    public static double[] advantages(double[] rewards) {
        double mean = 0;
        for (double r : rewards) {
            mean += r;
        }
        mean /= rewards.length;
        double[] a = new double[rewards.length];
        for (int i = 0; i < a.length; i++) {
            a[i] = rewards[i] - mean;
        }
        return a;
    }
}
