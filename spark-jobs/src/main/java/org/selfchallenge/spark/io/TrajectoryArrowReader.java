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
import org.apache.arrow.vector.ipc.ArrowFileReader;
import org.apache.arrow.vector.ipc.message.ArrowBlock;
import org.apache.arrow.vector.types.pojo.Schema;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

/** Reads trajectory Arrow files written by {@link TrajectoryArrowWriter} from any Hadoop FileSystem. */
public final class TrajectoryArrowReader {
    private TrajectoryArrowReader() {
    }

    /** All {@code part-*.arrow} files of a trajectories directory, sorted by name. */
    public static List<Path> files(FileSystem fs, Path dir) throws IOException {
        List<Path> out = new ArrayList<>();
        if (!fs.exists(dir)) {
            return out;
        }
        for (FileStatus st : fs.listStatus(dir)) {
            String n = st.getPath().getName();
            if (n.startsWith("part-") && n.endsWith(".arrow")) {
                out.add(st.getPath());
            }
        }
        out.sort((a, b) -> a.getName().compareTo(b.getName()));
        return out;
    }

    public static List<TrajectoryRecord> readAll(FileSystem fs, Path dir) throws IOException {
        List<TrajectoryRecord> out = new ArrayList<>();
        for (Path p : files(fs, dir)) {
            read(fs, p, out::add);
        }
        return out;
    }

    /** Streams the rows of one file; fails with the path named if it is not a trajectory file of our version. */
    public static long read(FileSystem fs, Path file, Consumer<TrajectoryRecord> sink) throws IOException {
        long size = fs.getFileStatus(file).getLen();
        long n = 0;
        try (BufferAllocator alloc = new RootAllocator(Long.MAX_VALUE);
             ArrowFileReader reader = new ArrowFileReader(new HadoopSeekableChannel(fs.open(file), size), alloc)) {
            Schema schema = reader.getVectorSchemaRoot().getSchema();
            String version = schema.getCustomMetadata().get(TrajectoryArrow.META_VERSION);
            if (!Integer.toString(TrajectoryArrow.SCHEMA_VERSION).equals(version)) {
                throw new IOException(file + ": not a trajectory file of schema version "
                        + TrajectoryArrow.SCHEMA_VERSION + " (found " + version + ")");
            }
            for (ArrowBlock block : reader.getRecordBlocks()) {
                reader.loadRecordBatch(block);
                VectorSchemaRoot root = reader.getVectorSchemaRoot();
                for (int i = 0; i < root.getRowCount(); i++) {
                    sink.accept(row(root, i));
                    n++;
                }
            }
        }
        return n;
    }

    private static String str(VectorSchemaRoot root, String col, int i) {
        return new String(((VarCharVector) root.getVector(col)).get(i), StandardCharsets.UTF_8);
    }

    private static TrajectoryRecord row(VectorSchemaRoot root, int i) {
        TrajectoryRecord r = new TrajectoryRecord();
        r.setTrajectoryId(str(root, "trajectory_id", i));
        r.setTaskId(str(root, "task_id", i));
        r.setEnv(str(root, "env", i));
        r.setRound(((IntVector) root.getVector("round")).get(i));
        r.setSampleIndex(((IntVector) root.getVector("sample_index")).get(i));
        r.setPolicyVersion(str(root, "policy_version", i));
        r.setSeed(((BigIntVector) root.getVector("seed")).get(i));
        r.setTemperature(((Float8Vector) root.getVector("temperature")).get(i));
        r.setTopP(((Float8Vector) root.getVector("top_p")).get(i));
        r.setTopK(((IntVector) root.getVector("top_k")).get(i));
        r.setMaxNewTokens(((IntVector) root.getVector("max_new_tokens")).get(i));
        ListVector tokens = (ListVector) root.getVector("tokens");
        int start = tokens.getElementStartIndex(i);
        int end = tokens.getElementEndIndex(i);
        int n = end - start;
        // Bulk copies out of the child data buffers (the children are non-nullable).
        IntVector tv = (IntVector) tokens.getDataVector();
        int[] tok = new int[n];
        tv.getDataBuffer().nioBuffer(start * 4L, n * 4).order(java.nio.ByteOrder.LITTLE_ENDIAN).asIntBuffer().get(tok);
        r.setTokens(tok);
        ListVector mask = (ListVector) root.getVector("loss_mask");
        UInt1Vector mv = (UInt1Vector) mask.getDataVector();
        int ms = mask.getElementStartIndex(i);
        byte[] m = new byte[mask.getElementEndIndex(i) - ms];
        mv.getDataBuffer().getBytes(ms, m);
        r.setLossMask(m);
        ListVector lp = (ListVector) root.getVector("behaviour_logprobs");
        Float4Vector lv = (Float4Vector) lp.getDataVector();
        int ls = lp.getElementStartIndex(i);
        float[] l = new float[lp.getElementEndIndex(i) - ls];
        lv.getDataBuffer().nioBuffer(ls * 4L, l.length * 4).order(java.nio.ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(l);
        r.setBehaviourLogprobs(l);
        r.setReward(((Float4Vector) root.getVector("reward")).get(i));
        r.setTurns(str(root, "turns", i));
        r.setLineage(str(root, "lineage", i));
        return r;
    }

    /** For tests and tools: a compact, order-independent description. */
    static String describe(TrajectoryRecord r) {
        return r.getTrajectoryId() + " " + Arrays.toString(r.getTokens()) + " " + r.getReward();
    }
}
