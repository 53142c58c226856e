package org.selfchallenge.policy.train;

import org.selfchallenge.policy.loss.LossInputs;
import org.selfchallenge.policy.loss.LossOutput;
import org.selfchallenge.policy.loss.PolicyLoss;
import org.selfchallenge.policy.model.LlamaGraph;
import org.selfchallenge.policy.model.LlamaModel;
import org.selfchallenge.policy.model.WeightNames;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.Tensor;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Gradients;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Activation checkpointing by layer. A backward through the whole graph keeps every layer's activations
 * from the forward, among them the attention probabilities: heads × T² floats per layer and sequence
 * (2.1 GB per layer of Llama-3.1-8B at T = 4096), which bounds the sequence length one GPU can train.
 * Here the forward keeps only the residual stream x_0 … x_L (B × T × d per layer, fetched to the host),
 * and the backward walks down the layers one session run at a time, recomputing layer i from x_i:
 * <pre>
 *   g_L = dLoss/dx_L                                 head: final norm, LM head, log-softmax, policy loss
 *   g_i = (d layer_i(x_i) / d x_i)^T g_{i+1},   acc_w += (d layer_i(x_i) / d w)^T g_{i+1}   (w of layer i)
 *   acc_E += (d gather(E, ids) / d E)^T g_0          the embedding, when trained
 * </pre>
 * Peak activation memory is one layer's instead of all of them, for a second forward of every layer (about
 * a third more compute) and 2 (L + 1) B T d floats through the host per micro-batch. The gradients are the
 * whole-graph backward's up to float rounding ({@code LayerwiseBackwardTest} trains both side by side).
 */
final class LayerwiseBackward {
    private final LlamaModel model;
    private final List<Placeholder<TFloat32>> layerIn = new ArrayList<>();
    private final List<Placeholder<TFloat32>> layerGradOut = new ArrayList<>();
    private final List<Operand<TFloat32>> layerGradIn = new ArrayList<>();
    private final List<List<Op>> layerAccumulate = new ArrayList<>();
    private final Placeholder<TFloat32> headIn;
    private final Operand<TFloat32> headGrad;
    private final List<Op> headAccumulate = new ArrayList<>();
    private final LossOutput loss;
    private final Operand<TFloat32> logpSum;
    private final Placeholder<TFloat32> embedGradOut;
    private final List<Op> embedAccumulate = new ArrayList<>();

    LayerwiseBackward(LlamaModel model, PolicyLoss policyLoss, TrainGraph g) {
        this.model = model;
        Ops tf = model.ops().withSubScope("recompute");
        LlamaGraph llama = model.llama();
        LlamaModel.FullForward ff = model.fullForward();
        Shape btd = Shape.of(-1, -1, model.config.hiddenSize);
        LlamaGraph.Prep prep = llama.prep(ff.ids(), ff.positions(), ff.keyMask());
        List<String> rest = new ArrayList<>(g.trained);
        for (int i = 0; i < model.config.numLayers; i++) {
            Placeholder<TFloat32> x = tf.withName("x_" + i).placeholder(TFloat32.class, Placeholder.shape(btd));
            Placeholder<TFloat32> gy = tf.withName("g_" + (i + 1)).placeholder(TFloat32.class, Placeholder.shape(btd));
            String prefix = WeightNames.layer(i, "");
            List<String> names = rest.stream().filter(n -> n.startsWith(prefix)).toList();
            rest.removeAll(names);
            List<Operand<TFloat32>> wrt = new ArrayList<>(List.of(x));
            names.forEach(n -> wrt.add(llama.read(n)));
            Gradients gr = tf.gradients(List.of(llama.layer(i, x, prep, null, null, true).x()), wrt,
                    Gradients.dx(List.of(gy)));
            layerIn.add(x);
            layerGradOut.add(gy);
            layerGradIn.add(gr.dy(0));
            layerAccumulate.add(accumulate(tf, g, names, k -> gr.dy(1 + k)));
        }

        headIn = tf.withName("x_final").placeholder(TFloat32.class, Placeholder.shape(btd));
        Operand<TFloat32> logp = model.headTokenLogp(headIn);
        // as TrainGraph: unknown behaviour log-probs (NaN) are taken as on-policy
        Operand<TFloat32> old = tf.select(tf.math.isNan(g.oldLogp), tf.stopGradient(logp), g.oldLogp);
        loss = policyLoss.build(tf, new LossInputs(logp, g.lossMask, old, g.refLogp, g.advantages, g.tokenNorm));
        logpSum = tf.sum(tf.math.mul(g.lossMask, tf.stopGradient(logp)), tf.constant(new int[]{0, 1}));
        // the LM head is the embedding when tied: its head gradient and its gather gradient both accumulate
        List<String> head = rest.stream().filter(n -> n.equals(WeightNames.NORM) || n.equals(WeightNames.LM_HEAD)
                || n.equals(WeightNames.EMBED) && model.config.tieWordEmbeddings).toList();
        List<Operand<TFloat32>> wrt = new ArrayList<>(List.of(headIn));
        head.forEach(n -> wrt.add(llama.read(n)));
        Gradients gh = tf.gradients(loss.loss(), wrt);
        headGrad = gh.dy(0);
        headAccumulate.addAll(accumulate(tf, g, head, k -> gh.dy(1 + k)));

        // only a trained embedding (tied or not) needs the gather's backward; with LoRA nothing outside the layers trains
        embedGradOut = rest.contains(WeightNames.EMBED)
                ? tf.withName("g_0").placeholder(TFloat32.class, Placeholder.shape(btd)) : null;
        if (embedGradOut != null) {
            Gradients ge = tf.gradients(List.of(llama.embed(ff.ids())), List.of(llama.read(WeightNames.EMBED)),
                    Gradients.dx(List.of(embedGradOut)));
            embedAccumulate.addAll(accumulate(tf, g, List.of(WeightNames.EMBED), k -> ge.dy(0)));
        }
    }

    private static List<Op> accumulate(Ops tf, TrainGraph g, List<String> names,
                                       java.util.function.IntFunction<Operand<TFloat32>> grad) {
        List<Op> ops = new ArrayList<>();
        for (int k = 0; k < names.size(); k++) {
            ops.add(tf.assignAddVariableOp(g.acc.get(names.get(k)).handle(), grad.apply(k)));
        }
        return ops;
    }

    /** Loss metrics of one micro-batch: loss, ratio sum, clipped-token sum, KL sum, log-prob sum. */
    record Sums(double loss, double ratio, double clip, double kl, double logp) {
    }

    /**
     * Forward and layer-wise backward of one micro-batch, gradients added into the accumulators.
     *
     * @param feed adds the micro-batch's inputs (token ids, positions, masks, loss inputs) to a runner
     */
    Sums accumulate(Session s, UnaryOperator<Session.Runner> feed) {
        int layers = layerIn.size();
        Session.Runner fwd = feed.apply(s.runner());
        model.fullForward().residuals().forEach(fwd::fetch);
        try (Result xs = fwd.run()) {
            Sums sums;
            Result prev;
            Session.Runner h = feed.apply(s.runner()).feed(headIn, xs.get(layers)).fetch(headGrad)
                    .fetch(loss.loss()).fetch(loss.ratioSum()).fetch(loss.clipSum()).fetch(loss.klSum()).fetch(logpSum);
            headAccumulate.forEach(h::addTarget);
            prev = h.run();
            sums = new Sums(f(prev.get(1)), f(prev.get(2)), f(prev.get(3)), f(prev.get(4)), f(prev.get(5)));
            try {
                for (int i = layers - 1; i >= 0; i--) {
                    Session.Runner r = feed.apply(s.runner()).feed(layerIn.get(i), xs.get(i))
                            .feed(layerGradOut.get(i), prev.get(0)).fetch(layerGradIn.get(i));
                    layerAccumulate.get(i).forEach(r::addTarget);
                    Result next = r.run();
                    prev.close();
                    prev = next;
                }
                if (embedGradOut != null) {
                    Session.Runner r = feed.apply(s.runner()).feed(embedGradOut, prev.get(0));
                    embedAccumulate.forEach(r::addTarget);
                    r.run().close();
                }
            } finally {
                prev.close();
            }
            return sums;
        }
    }

    private static double f(Tensor t) {
        return ((TFloat32) t).getFloat();
    }
}
