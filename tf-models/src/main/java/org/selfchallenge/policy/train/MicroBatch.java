package org.selfchallenge.policy.train;

import org.selfchallenge.policy.model.Batch;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.types.TFloat32;

import java.util.List;

/**
 * Tensors of one micro-batch in the "predicted token" layout of {@code LossInputs}: slot t of row b refers to
 * token t+1 of sequence b (mask, behaviour and reference log-probs shifted by one).
 */
final class MicroBatch implements AutoCloseable {
    final Batch batch;
    final TFloat32 lossMask;
    final TFloat32 oldLogp;
    final TFloat32 refLogp;
    final TFloat32 advantages;
    final TFloat32 tokenNorm;

    private MicroBatch(Batch batch, TFloat32 lossMask, TFloat32 oldLogp, TFloat32 refLogp, TFloat32 advantages,
                       TFloat32 tokenNorm) {
        this.batch = batch;
        this.lossMask = lossMask;
        this.oldLogp = oldLogp;
        this.refLogp = refLogp;
        this.advantages = advantages;
        this.tokenNorm = tokenNorm;
    }

    static MicroBatch of(List<TrainSequence> all, int from, int to, double[] adv, float[][] ref, float tokenNorm) {
        int b = to - from;
        int[][] seqs = new int[b][];
        for (int i = 0; i < b; i++) {
            seqs[i] = all.get(from + i).tokens();
        }
        Batch batch = Batch.rightPadded(seqs);
        int w = batch.width;
        float[] mask = new float[b * w];
        float[] old = new float[b * w];
        float[] rf = new float[b * w];
        float[] a = new float[b];
        for (int i = 0; i < b; i++) {
            TrainSequence s = all.get(from + i);
            a[i] = (float) adv[from + i];
            for (int t = 0; t + 1 < s.tokens().length; t++) {
                mask[i * w + t] = s.mask()[t + 1] ? 1f : 0f;
                if (s.behaviourLogprobs() != null) {
                    old[i * w + t] = s.behaviourLogprobs()[t + 1];
                }
                if (ref != null) {
                    rf[i * w + t] = ref[from + i][t + 1];
                }
            }
        }
        Shape sh = Shape.of(b, w);
        return new MicroBatch(batch, TFloat32.tensorOf(sh, DataBuffers.of(mask, true, false)),
                TFloat32.tensorOf(sh, DataBuffers.of(old, true, false)),
                TFloat32.tensorOf(sh, DataBuffers.of(rf, true, false)),
                TFloat32.tensorOf(Shape.of(b), DataBuffers.of(a, true, false)), TFloat32.scalarOf(tokenNorm));
    }

    @Override
    public void close() {
        batch.close();
        lossMask.close();
        oldLogp.close();
        refLogp.close();
        advantages.close();
        tokenNorm.close();
    }
}
