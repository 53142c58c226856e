package org.selfchallenge.policy.train;

import org.selfchallenge.policy.loss.LossInputs;
import org.selfchallenge.policy.loss.LossOutput;
import org.selfchallenge.policy.loss.PolicyLoss;
import org.selfchallenge.policy.model.GraphVariable;
import org.selfchallenge.policy.model.LlamaGraph;
import org.selfchallenge.policy.model.LlamaModel;
import org.selfchallenge.policy.model.WeightNames;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Gradients;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The training ops added to a {@link LlamaModel}'s graph: loss on the full forward, gradients with respect to
 * every trained weight's read ({@code tf.gradients} on an explicit list — never {@code Optimizer.minimize},
 * which would also differentiate optimizer slots), gradient accumulators, and the AdamW update. The trained
 * weights are all of them, or with {@link org.selfchallenge.policy.model.Lora} adapters only the adapters:
 * the frozen base then gets no gradient, accumulator or moments at all.
 * <pre>
 *   accumulate:  acc_i += dL/dw_i                                   (once per micro-batch)
 *   apply:       n = sqrt(sum_i |acc_i|^2);  c = min(1, maxNorm / (n + 1e-6));  g_i = c acc_i
 *                m_i = b1 m_i + (1 - b1) g_i;   v_i = b2 v_i + (1 - b2) g_i^2
 *                w_i = w_i - lr ( (m_i / (1 - b1^t)) / (sqrt(v_i / (1 - b2^t)) + eps) + wd_i w_i )
 *                acc_i = 0
 * </pre>
 * wd_i = weightDecay for matrices and embeddings, 0 for norms and biases (decoupled decay, Loshchilov &amp;
 * Hutter 2019).
 */
final class TrainGraph {
    static final float CLIP_EPS = 1e-6f;

    final Placeholder<TFloat32> lossMask;
    final Placeholder<TFloat32> oldLogp;
    final Placeholder<TFloat32> refLogp;
    final Placeholder<TFloat32> advantages;
    final Placeholder<TFloat32> tokenNorm;
    final Placeholder<TFloat32> lr;
    final Placeholder<TFloat32> biasCorr1;
    final Placeholder<TFloat32> biasCorr2;
    final LossOutput loss;
    final Operand<TFloat32> logpSum;
    private final Map<String, Operand<TFloat32>> grads = new LinkedHashMap<>();
    private final boolean adaptersOnly;
    final List<Op> accumulate = new ArrayList<>();
    final List<Op> apply = new ArrayList<>();
    final List<Op> zeroAll = new ArrayList<>();
    final Operand<TFloat32> gradNorm;
    final Map<String, GraphVariable> m = new LinkedHashMap<>();
    final Map<String, GraphVariable> v = new LinkedHashMap<>();
    /** Gradient accumulators of the trained weights, by name (in {@link #trained} order). */
    final Map<String, GraphVariable> acc = new LinkedHashMap<>();
    /** The trained weights: all of them, or with LoRA the adapters. */
    final List<String> trained;

    TrainGraph(LlamaModel model, PolicyLoss policyLoss, TrainConfig cfg) {
        Ops tf = model.ops().withSubScope("train");
        LlamaGraph llama = model.llama();
        LlamaModel.FullForward ff = model.fullForward();
        Shape bt = Shape.of(-1, -1);
        lossMask = tf.withName("loss_mask").placeholder(TFloat32.class, Placeholder.shape(bt));
        oldLogp = tf.withName("old_logp").placeholder(TFloat32.class, Placeholder.shape(bt));
        refLogp = tf.withName("ref_logp").placeholder(TFloat32.class, Placeholder.shape(bt));
        advantages = tf.withName("advantages").placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1)));
        tokenNorm = tf.withName("token_norm").placeholder(TFloat32.class, Placeholder.shape(Shape.scalar()));
        lr = tf.withName("lr").placeholder(TFloat32.class, Placeholder.shape(Shape.scalar()));
        biasCorr1 = tf.withName("bc1").placeholder(TFloat32.class, Placeholder.shape(Shape.scalar()));
        biasCorr2 = tf.withName("bc2").placeholder(TFloat32.class, Placeholder.shape(Shape.scalar()));

        // Unknown behaviour log-probs (NaN, e.g. re-tokenised assistant text) are taken as on-policy: ratio 1.
        Operand<TFloat32> old = tf.select(tf.math.isNan(oldLogp), tf.stopGradient(ff.tokenLogp()), oldLogp);
        loss = policyLoss.build(tf, new LossInputs(ff.tokenLogp(), lossMask, old, refLogp, advantages, tokenNorm));
        logpSum = tf.sum(tf.math.mul(lossMask, tf.stopGradient(ff.tokenLogp())), tf.constant(new int[]{0, 1}));

        adaptersOnly = llama.lora().enabled();
        Map<String, long[]> shapes = adaptersOnly ? llama.adapterShapes() : llama.shapes();
        List<String> names = new ArrayList<>(shapes.keySet());
        this.trained = List.copyOf(names);
        List<Operand<TFloat32>> reads = new ArrayList<>();
        names.forEach(n -> reads.add(llama.read(n)));
        Gradients g = tf.gradients(loss.loss(), reads);
        Ops accOps = tf.withSubScope("acc");
        Ops opt = tf.withSubScope("adam");
        for (int i = 0; i < names.size(); i++) {
            String n = names.get(i);
            Operand<TFloat32> gi = g.dy(i);
            grads.put(n, gi);
            long[] shape = shapes.get(n);
            GraphVariable a = GraphVariable.create(accOps, "acc." + n, shape);
            acc.put(n, a);
            m.put(n, GraphVariable.create(opt, "m." + n, shape));
            v.put(n, GraphVariable.create(opt, "v." + n, shape));
            accumulate.add(accOps.withName("accumulate." + n).assignAddVariableOp(a.handle(), gi));
            zeroAll.add(a.zero());
            zeroAll.add(m.get(n).zero());
            zeroAll.add(v.get(n).zero());
        }

        // global-norm clipping over the accumulated gradients
        Operand<TFloat32> sq = null;
        for (GraphVariable a : acc.values()) {
            Operand<TFloat32> s = opt.sum(opt.math.square(a.read()), opt.constant(allAxes(a.shape().length)));
            sq = sq == null ? s : opt.math.add(sq, s);
        }
        gradNorm = opt.math.sqrt(sq);
        Operand<TFloat32> scale = cfg.maxGradNorm() > 0
                ? opt.math.minimum(opt.constant(1f), opt.math.div(opt.constant((float) cfg.maxGradNorm()),
                        opt.math.add(gradNorm, opt.constant(CLIP_EPS))))
                : opt.constant(1f);
        float b1 = (float) cfg.beta1();
        float b2 = (float) cfg.beta2();
        List<Operand<TFloat32>> newValues = new ArrayList<>();
        Map<String, Operand<TFloat32>[]> updates = new LinkedHashMap<>();
        for (String n : names) {
            Operand<TFloat32> gc = opt.math.mul(acc.get(n).read(), scale);
            Operand<TFloat32> mNew = opt.math.add(opt.math.mul(m.get(n).read(), opt.constant(b1)),
                    opt.math.mul(gc, opt.constant(1f - b1)));
            Operand<TFloat32> vNew = opt.math.add(opt.math.mul(v.get(n).read(), opt.constant(b2)),
                    opt.math.mul(opt.math.square(gc), opt.constant(1f - b2)));
            Operand<TFloat32> mHat = opt.math.div(mNew, biasCorr1);
            Operand<TFloat32> denom = opt.math.add(opt.math.sqrt(opt.math.div(vNew, biasCorr2)),
                    opt.constant((float) cfg.adamEps()));
            Operand<TFloat32> upd = opt.math.div(mHat, denom);
            Operand<TFloat32> w = llama.read(n);
            if (cfg.weightDecay() > 0 && WeightNames.decays(n)) {
                upd = opt.math.add(upd, opt.math.mul(w, opt.constant((float) cfg.weightDecay())));
            }
            Operand<TFloat32> wNew = opt.math.sub(w, opt.math.mul(lr, upd));
            @SuppressWarnings("unchecked") Operand<TFloat32>[] u = new Operand[]{mNew, vNew, wNew};
            updates.put(n, u);
            newValues.add(mNew);
            newValues.add(vNew);
            newValues.add(wNew);
        }
        // every read of acc/m/v/w must happen before any assignment: make assignments depend on all new values
        List<Op> deps = new ArrayList<>();
        for (Operand<TFloat32> nv : newValues) {
            deps.add(opt.identity(nv));
        }
        deps.add(opt.identity(gradNorm));
        Ops after = opt.withControlDependencies(deps);
        for (String n : names) {
            Operand<TFloat32>[] u = updates.get(n);
            apply.add(after.assignVariableOp(m.get(n).handle(), u[0]));
            apply.add(after.assignVariableOp(v.get(n).handle(), u[1]));
            apply.add(after.assignVariableOp(llama.handle(n), u[2]));
            apply.add(after.assignVariableOp(acc.get(n).handle(),
                    after.zeros(after.constant(Shape.of(acc.get(n).shape())), TFloat32.class)));
        }
    }

    /** dL/d{@code name}; only trained weights have one (with LoRA, only the adapters). */
    Operand<TFloat32> gradient(String name) {
        Operand<TFloat32> g = grads.get(name);
        if (g == null) {
            throw new IllegalArgumentException("'" + name + "' is not trained" + (adaptersOnly
                    ? " (with LoRA only the adapters are: " + grads.keySet() + ")" : ""));
        }
        return g;
    }

    private static int[] allAxes(int rank) {
        int[] a = new int[rank];
        for (int i = 0; i < rank; i++) {
            a[i] = i;
        }
        return a;
    }
}
