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
        writer = new ArrowFileWriter(root, null, new StreamChannel(out));
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
        // Lists are copied in bulk into the child vectors' data buffers (one memcpy-like copy per list);
        // the children's validity bits are set for the whole batch in flush().
        ListVector tokens = (ListVector) root.getVector("tokens");
        int off = tokens.startNewValue(i);
        IntVector tv = (IntVector) tokens.getDataVector();
        ensure(tv, off + n);
        scratch(n * 4).asIntBuffer().put(r.getTokens(), 0, n);
        tv.getDataBuffer().setBytes(off * 4L, scratch.limit(n * 4));
        tokens.endValue(i, n);
        ListVector mask = (ListVector) root.getVector("loss_mask");
        off = mask.startNewValue(i);
        UInt1Vector mv = (UInt1Vector) mask.getDataVector();
        ensure(mv, off + n);
        mv.getDataBuffer().setBytes(off, r.getLossMask(), 0, n);
        mask.endValue(i, n);
        ListVector lp = (ListVector) root.getVector("behaviour_logprobs");
        off = lp.startNewValue(i);
        Float4Vector lv = (Float4Vector) lp.getDataVector();
        ensure(lv, off + n);
        scratch(n * 4).asFloatBuffer().put(r.getBehaviourLogprobs(), 0, n);
        lv.getDataBuffer().setBytes(off * 4L, scratch.limit(n * 4));
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

    private java.nio.ByteBuffer scratch = java.nio.ByteBuffer.allocateDirect(1 << 16).order(java.nio.ByteOrder.LITTLE_ENDIAN);

    private java.nio.ByteBuffer scratch(int bytes) {
        if (scratch.capacity() < bytes) {
            scratch = java.nio.ByteBuffer.allocateDirect(Integer.highestOneBit(bytes) << 1).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        }
        scratch.clear();
        return scratch;
    }

    private static void ensure(org.apache.arrow.vector.BaseFixedWidthVector v, int count) {
        while (v.getValueCapacity() < count) {
            v.reAlloc();
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
            int elements = v.getElementEndIndex(rows - 1);
            org.apache.arrow.vector.BaseFixedWidthVector child = (org.apache.arrow.vector.BaseFixedWidthVector) v.getDataVector();
            ensure(child, Math.max(1, elements));
            child.getValidityBuffer().setOne(0, (elements + 7) / 8);
            child.setValueCount(elements);
            v.setValueCount(rows);
        }
        root.setRowCount(rows);
        writer.writeBatch();
        root.clear();
        root.allocateNew();
        rows = 0;
    }

    /** Copies Arrow's (direct) buffers to the Hadoop stream in large chunks. */
    private static final class StreamChannel implements java.nio.channels.WritableByteChannel {
        private static final int CHUNK = 1 << 20;
        private final java.io.OutputStream out;
        private final byte[] buf = new byte[CHUNK];
        private boolean open = true;

        StreamChannel(java.io.OutputStream out) {
            this.out = out;
        }

        @Override
        public int write(java.nio.ByteBuffer src) throws IOException {
            int n = src.remaining();
            if (src.hasArray()) {
                out.write(src.array(), src.arrayOffset() + src.position(), n);
                src.position(src.limit());
                return n;
            }
            while (src.hasRemaining()) {
                int k = Math.min(CHUNK, src.remaining());
                src.get(buf, 0, k);
                out.write(buf, 0, k);
            }
            return n;
        }

        @Override
        public boolean isOpen() {
            return open;
        }

        @Override
        public void close() {
            open = false;
        }
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
