package org.selfchallenge.policy.model;

import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * Right-padded full-sequence inputs: ids, positions 0..L-1, key mask (1 = real token) and next-token
 * targets ({@code targets[t] = ids[t+1]}, 0 past the end).
 */
public final class Batch implements AutoCloseable {
    public final int width;
    public final TInt32 ids;
    public final TInt32 pos;
    public final TFloat32 mask;
    public final TInt32 targets;

    private Batch(int width, TInt32 ids, TInt32 pos, TFloat32 mask, TInt32 targets) {
        this.width = width;
        this.ids = ids;
        this.pos = pos;
        this.mask = mask;
        this.targets = targets;
    }

    public static Batch rightPadded(int[][] seqs) {
        int w = 0;
        for (int[] s : seqs) {
            w = Math.max(w, s.length);
        }
        int b = seqs.length;
        int[] ids = new int[b * w];
        int[] pos = new int[b * w];
        float[] mask = new float[b * w];
        int[] tgt = new int[b * w];
        for (int i = 0; i < b; i++) {
            for (int t = 0; t < w; t++) {
                pos[i * w + t] = t;
                if (t < seqs[i].length) {
                    ids[i * w + t] = seqs[i][t];
                    mask[i * w + t] = 1f;
                    if (t + 1 < seqs[i].length) {
                        tgt[i * w + t] = seqs[i][t + 1];
                    }
                }
            }
        }
        Shape sh = Shape.of(b, w);
        return new Batch(w, TInt32.tensorOf(sh, DataBuffers.of(ids, true, false)),
                TInt32.tensorOf(sh, DataBuffers.of(pos, true, false)),
                TFloat32.tensorOf(sh, DataBuffers.of(mask, true, false)),
                TInt32.tensorOf(sh, DataBuffers.of(tgt, true, false)));
    }

    static TInt32 ints(int[][] rows, int w) {
        int[] flat = new int[rows.length * w];
        for (int i = 0; i < rows.length; i++) {
            System.arraycopy(rows[i], 0, flat, i * w, w);
        }
        return TInt32.tensorOf(Shape.of(rows.length, w), DataBuffers.of(flat, true, false));
    }

    public static TFloat32 floats(float[][] rows, int w) {
        float[] flat = new float[rows.length * w];
        for (int i = 0; i < rows.length; i++) {
            System.arraycopy(rows[i], 0, flat, i * w, w);
        }
        return TFloat32.tensorOf(Shape.of(rows.length, w), DataBuffers.of(flat, true, false));
    }

    @Override
    public void close() {
        ids.close();
        pos.close();
        mask.close();
        targets.close();
    }
}
