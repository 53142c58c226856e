package org.selfchallenge.spark.io;

import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BaseFixedWidthVector;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.FieldVector;
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
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Writes {@link TrajectoryRecord}s to one Arrow IPC file through the Hadoop FileSystem API, with the
 * public Arrow API only. Rows are buffered into record batches of {@link TrajectoryArrow#BATCH_ROWS}.
 */
public final class TrajectoryArrowWriter implements AutoCloseable {
    /** Hadoop stream buffer: coalesces Arrow's many small metadata/padding writes into few syscalls. */
    private static final int STREAM_BUFFER = 1 << 20;
    private final BufferAllocator allocator;
    private final VectorSchemaRoot root;
    private final FSDataOutputStream out;
    private final ArrowFileWriter writer;
    // Column vectors resolved once (a by-name lookup per value showed up in profiles).
    private final VarCharVector trajectoryIdCol;
    private final VarCharVector taskIdCol;
    private final VarCharVector envCol;
    private final IntVector roundCol;
    private final IntVector sampleIndexCol;
    private final VarCharVector policyVersionCol;
    private final BigIntVector seedCol;
    private final Float8Vector temperatureCol;
    private final Float8Vector topPCol;
    private final IntVector topKCol;
    private final IntVector maxNewTokensCol;
    private final Float4Vector rewardCol;
    private final VarCharVector turnsCol;
    private final VarCharVector lineageCol;
    private final ListVector tokens;
    private final ListVector mask;
    private final ListVector logprobs;
    private final IntVector tokenData;
    private final UInt1Vector maskData;
    private final Float4Vector logprobData;
    private int rows;
    private long written;

    public TrajectoryArrowWriter(FileSystem fs, Path path) throws IOException {
        allocator = new RootAllocator(Long.MAX_VALUE);
        root = VectorSchemaRoot.create(TrajectoryArrow.SCHEMA, allocator);
        trajectoryIdCol = (VarCharVector) root.getVector("trajectory_id");
        taskIdCol = (VarCharVector) root.getVector("task_id");
        envCol = (VarCharVector) root.getVector("env");
        roundCol = (IntVector) root.getVector("round");
        sampleIndexCol = (IntVector) root.getVector("sample_index");
        policyVersionCol = (VarCharVector) root.getVector("policy_version");
        seedCol = (BigIntVector) root.getVector("seed");
        temperatureCol = (Float8Vector) root.getVector("temperature");
        topPCol = (Float8Vector) root.getVector("top_p");
        topKCol = (IntVector) root.getVector("top_k");
        maxNewTokensCol = (IntVector) root.getVector("max_new_tokens");
        rewardCol = (Float4Vector) root.getVector("reward");
        turnsCol = (VarCharVector) root.getVector("turns");
        lineageCol = (VarCharVector) root.getVector("lineage");
        tokens = (ListVector) root.getVector("tokens");
        mask = (ListVector) root.getVector("loss_mask");
        logprobs = (ListVector) root.getVector("behaviour_logprobs");
        tokenData = (IntVector) tokens.getDataVector();
        maskData = (UInt1Vector) mask.getDataVector();
        logprobData = (Float4Vector) logprobs.getDataVector();
        out = fs.create(path, true, STREAM_BUFFER);
        writer = new ArrowFileWriter(root, null, new StreamChannel(out));
        writer.start();
    }

    public void write(TrajectoryRecord r) throws IOException {
        int i = rows;
        str(trajectoryIdCol, i, r.getTrajectoryId());
        str(taskIdCol, i, r.getTaskId());
        str(envCol, i, r.getEnv());
        roundCol.setSafe(i, r.getRound());
        sampleIndexCol.setSafe(i, r.getSampleIndex());
        str(policyVersionCol, i, r.getPolicyVersion());
        seedCol.setSafe(i, r.getSeed());
        temperatureCol.setSafe(i, r.getTemperature());
        topPCol.setSafe(i, r.getTopP());
        topKCol.setSafe(i, r.getTopK());
        maxNewTokensCol.setSafe(i, r.getMaxNewTokens());
        int n = r.getTokens().length;
        if (r.getLossMask().length != n || r.getBehaviourLogprobs().length != n) {
            throw new IllegalArgumentException("trajectory " + r.getTrajectoryId() + ": tokens/loss_mask/logprobs lengths differ: "
                    + n + "/" + r.getLossMask().length + "/" + r.getBehaviourLogprobs().length);
        }
        // Lists are copied in bulk straight from the Java arrays into the child vectors' data buffers
        // (one copy through a little-endian view of the Arrow memory, no per-element setSafe); the
        // children's validity bits are set for the whole batch in flush().
        int off = tokens.startNewValue(i);
        ensure(tokenData, off + n);
        view(tokenData, off, 4, n).asIntBuffer().put(r.getTokens(), 0, n);
        tokens.endValue(i, n);
        off = mask.startNewValue(i);
        ensure(maskData, off + n);
        maskData.getDataBuffer().setBytes(off, r.getLossMask(), 0, n);
        mask.endValue(i, n);
        off = logprobs.startNewValue(i);
        ensure(logprobData, off + n);
        view(logprobData, off, 4, n).asFloatBuffer().put(r.getBehaviourLogprobs(), 0, n);
        logprobs.endValue(i, n);
        rewardCol.setSafe(i, r.getReward());
        str(turnsCol, i, r.getTurns() == null ? "[]" : r.getTurns());
        str(lineageCol, i, r.getLineage() == null ? "{}" : r.getLineage());
        rows++;
        written++;
        if (rows == TrajectoryArrow.BATCH_ROWS) {
            flush();
        }
    }

    /** Little-endian NIO view of elements [from, from + n) of a fixed-width vector's data buffer. */
    private static ByteBuffer view(BaseFixedWidthVector v, int from, int width, int n) {
        return v.getDataBuffer().nioBuffer((long) from * width, n * width).order(ByteOrder.LITTLE_ENDIAN);
    }

    /** Grows by doubling; capacity is kept across batches (see {@link #flush()}), so only the first batch grows. */
    private static void ensure(BaseFixedWidthVector v, int count) {
        while (v.getValueCapacity() < count) {
            v.reAlloc();
        }
    }

    private static void str(VarCharVector col, int i, String v) {
        col.setSafe(i, (v == null ? "" : v).getBytes(StandardCharsets.UTF_8));
    }

    private void flush() throws IOException {
        if (rows == 0) {
            return;
        }
        for (String c : new String[]{"tokens", "loss_mask", "behaviour_logprobs"}) {
            ListVector v = (ListVector) root.getVector(c);
            int elements = v.getElementEndIndex(rows - 1);
            BaseFixedWidthVector child = (BaseFixedWidthVector) v.getDataVector();
            ensure(child, Math.max(1, elements));
            child.getValidityBuffer().setOne(0, (elements + 7) / 8);
            child.setValueCount(elements);
            v.setValueCount(rows);
        }
        root.setRowCount(rows);
        writer.writeBatch();
        // reset() keeps every buffer's capacity (clear() + allocateNew() would re-grow them by doubling,
        // copying each batch several times); it zeroes validity and offsets, so the next batch starts clean.
        for (FieldVector v : root.getFieldVectors()) {
            v.reset();
        }
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
