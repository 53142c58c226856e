package org.selfchallenge.policy.loss;

import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;

/**
 * A loss (already multiplied by tokenNorm) plus masked sums for metrics: sum of ratios, of clipped-token
 * indicators, and of per-token KL estimates (zero constants for losses without them).
 */
public record LossOutput(Operand<TFloat32> loss, Operand<TFloat32> ratioSum, Operand<TFloat32> clipSum,
                         Operand<TFloat32> klSum) {
}
