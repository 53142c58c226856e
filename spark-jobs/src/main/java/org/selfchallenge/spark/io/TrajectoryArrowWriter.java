package org.selfchallenge.spark.io;

import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.Float4Vector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.UInt1Vector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.complex.ListVector;
import org.apache.arrow.vector.ipc.ArrowFileWriter;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

import java.io.IOException;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;

/**
 * Writes {@link TrajectoryRecord}s to one Arrow IPC file through the Hadoop FileSystem API, with the
 * public Arrow API only. Rows are buffered into record batches of {@link TrajectoryArrow#BATCH_ROWS}.
 */
public final class TrajectoryArrowWriter implements AutoCloseable {
    private final BufferAllocator allocator;
    private final VectorSchemaRoot root;
    private final FSDataOutputStream out;
    private final ArrowFileWriter writer;
    private int rows;
    private long written;

    public TrajectoryArrowWriter(FileSystem fs, Path path) throws IOException {
        allocator = new RootAllocator(Long.MAX_VALUE);
        root = VectorSchemaRoot.create(TrajectoryArrow.SCHEMA, allocator);
        out = fs.create(path, true);
        writer = new ArrowFileWriter(root, null, Channels.newChannel(out));
        writer.start();
    }

    public void write(TrajectoryRecord r) throws IOException {
        int i = rows;
        str("trajectory_id", i, r.getTrajectoryId());
        str("task_id", i, r.getTaskId());
        str("env", i, r.getEnv());
        ((IntVector) root.getVector("round")).setSafe(i, r.getRound());
        ((IntVector) root.getVector("sample_index")).setSafe(i, r.getSampleIndex());
        str("policy_version", i, r.getPolicyVersion());
        ((BigIntVector) root.getVector("seed")).setSafe(i, r.getSeed());
        ((Float8Vector) root.getVector("temperature")).setSafe(i, r.getTemperature());
        ((Float8Vector) root.getVector("top_p")).setSafe(i, r.getTopP());
        ((IntVector) root.getVector("top_k")).setSafe(i, r.getTopK());
        ((IntVector) root.getVector("max_new_tokens")).setSafe(i, r.getMaxNewTokens());
        int n = r.getTokens().length;
        if (r.getLossMask().length != n || r.getBehaviourLogprobs().length != n) {
            throw new IllegalArgumentException("trajectory " + r.getTrajectoryId() + ": tokens/loss_mask/logprobs lengths differ: "
                    + n + "/" + r.getLossMask().length + "/" + r.getBehaviourLogprobs().length);
        }
        ListVector tokens = (ListVector) root.getVector("tokens");
        int off = tokens.startNewValue(i);
        IntVector tv = (IntVector) tokens.getDataVector();
        int[] tok = r.getTokens();
        for (int j = 0; j < n; j++) {
            tv.setSafe(off + j, tok[j]);
        }
        tokens.endValue(i, n);
        ListVector mask = (ListVector) root.getVector("loss_mask");
        off = mask.startNewValue(i);
        UInt1Vector mv = (UInt1Vector) mask.getDataVector();
        byte[] m = r.getLossMask();
        for (int j = 0; j < n; j++) {
            mv.setSafe(off + j, m[j]);
        }
        mask.endValue(i, n);
        ListVector lp = (ListVector) root.getVector("behaviour_logprobs");
        off = lp.startNewValue(i);
        Float4Vector lv = (Float4Vector) lp.getDataVector();
        float[] l = r.getBehaviourLogprobs();
        for (int j = 0; j < n; j++) {
            lv.setSafe(off + j, l[j]);
        }
        lp.endValue(i, n);
        ((Float4Vector) root.getVector("reward")).setSafe(i, r.getReward());
        str("turns", i, r.getTurns() == null ? "[]" : r.getTurns());
        str("lineage", i, r.getLineage() == null ? "{}" : r.getLineage());
        rows++;
        written++;
        if (rows == TrajectoryArrow.BATCH_ROWS) {
            flush();
        }
    }

    private void str(String col, int i, String v) {
        ((VarCharVector) root.getVector(col)).setSafe(i, (v == null ? "" : v).getBytes(StandardCharsets.UTF_8));
    }

    private void flush() throws IOException {
        if (rows == 0) {
            return;
        }
        for (String c : new String[]{"tokens", "loss_mask", "behaviour_logprobs"}) {
            ListVector v = (ListVector) root.getVector(c);
            v.setValueCount(rows);
        }
        root.setRowCount(rows);
        writer.writeBatch();
        root.clear();
        root.allocateNew();
        rows = 0;
    }

    /** Rows written so far. */
    public long count() {
        return written;
    }

    @Override
    public void close() throws IOException {
        try {
            flush();
            writer.end();
            writer.close();
        } finally {
            out.close();
            root.close();
            allocator.close();
        }
    }
}
