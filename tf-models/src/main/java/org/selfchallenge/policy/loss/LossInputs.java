package org.selfchallenge.policy.loss;

import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;

/**
 * Graph inputs shared by every loss, all aligned to predicted tokens: for a row b and slot t,
 * {@code logp[b,t] = log pi(y_{t+1} | y_{<=t})} under the current policy, {@code mask[b,t]} = 1 when token
 * t+1 is a policy token, {@code oldLogp}/{@code refLogp} the behaviour and reference log-probs of the same
 * token, {@code advantages[b]} one value per sequence, {@code tokenNorm} = 1 / (number of trainable tokens in
 * the whole optimizer step, across micro-batches), so summing micro-batch losses gives the step's mean.
 */
public record LossInputs(Operand<TFloat32> logp, Operand<TFloat32> mask, Operand<TFloat32> oldLogp,
                         Operand<TFloat32> refLogp, Operand<TFloat32> advantages, Operand<TFloat32> tokenNorm) {
}
