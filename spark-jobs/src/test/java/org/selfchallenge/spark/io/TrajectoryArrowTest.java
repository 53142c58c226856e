package org.selfchallenge.spark.io;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class TrajectoryArrowTest {
    @TempDir
    java.nio.file.Path dir;

    static TrajectoryRecord rec(String task, int k, int[] tokens, byte[] mask, float[] lp, float reward) {
        TrajectoryRecord r = new TrajectoryRecord();
        r.setTrajectoryId(TrajectoryRecord.idFor(task, 1, k));
        r.setTaskId(task);
        r.setEnv("calculation");
        r.setRound(1);
        r.setSampleIndex(k);
        r.setPolicyVersion("round-0/init/checkpoint");
        r.setSeed(1000L + k);
        r.setTemperature(1.0);
        r.setTopP(0.95);
        r.setTopK(40);
        r.setMaxNewTokens(64);
        r.setTokens(tokens);
        r.setLossMask(mask);
        r.setBehaviourLogprobs(lp);
        r.setReward(reward);
        r.setTurns("[{\"role\":\"user\",\"content\":\"héllo\"}]");
        r.setLineage("{\"k\":" + k + "}");
        return r;
    }

    static List<TrajectoryRecord> sample() {
        return List.of(
                rec("t-1", 0, new int[]{1, 2, 3, 4}, new byte[]{0, 0, 1, 1}, new float[]{0f, 0f, -0.5f, -1.25f}, 1f),
                rec("t-1", 1, new int[]{1, 2, 7}, new byte[]{0, 0, 1}, new float[]{0f, 0f, -2f}, 0f),
                rec("t-2", 0, new int[]{}, new byte[]{}, new float[]{}, 0f));
    }

    @Test
    void roundTripsThroughTheHadoopFileSystem() throws Exception {
        FileSystem fs = FileSystem.getLocal(new Configuration());
        Path d = new Path(dir.toUri());
        try (TrajectoryArrowWriter w = new TrajectoryArrowWriter(fs, new Path(d, TrajectoryArrow.fileName(0)))) {
            for (TrajectoryRecord r : sample()) {
                w.write(r);
            }
        }
        List<TrajectoryRecord> back = TrajectoryArrowReader.readAll(fs, d);
        assertEquals(3, back.size());
        TrajectoryRecord a = back.get(0);
        assertEquals("t-1#0@r1", a.getTrajectoryId());
        assertArrayEquals(new int[]{1, 2, 3, 4}, a.getTokens());
        assertArrayEquals(new byte[]{0, 0, 1, 1}, a.getLossMask());
        assertArrayEquals(new float[]{0f, 0f, -0.5f, -1.25f}, a.getBehaviourLogprobs());
        assertEquals(1f, a.getReward());
        assertEquals(0.95, a.getTopP());
        assertEquals(1000L, a.getSeed());
        assertEquals("[{\"role\":\"user\",\"content\":\"héllo\"}]", a.getTurns());
        assertEquals(0, back.get(2).getTokens().length);
        assertEquals(2, a.policyTokenCount());
    }

    @Test
    void manyBatchesKeepOrderAndOffsets() throws Exception {
        FileSystem fs = FileSystem.getLocal(new Configuration());
        Path f = new Path(new Path(dir.toUri()), TrajectoryArrow.fileName(7));
        int n = TrajectoryArrow.BATCH_ROWS * 2 + 5;
        try (TrajectoryArrowWriter w = new TrajectoryArrowWriter(fs, f)) {
            for (int i = 0; i < n; i++) {
                int len = i % 13;
                int[] t = new int[len];
                byte[] m = new byte[len];
                float[] l = new float[len];
                for (int j = 0; j < len; j++) {
                    t[j] = i * 100 + j;
                    m[j] = (byte) (j % 2);
                    l[j] = -j;
                }
                w.write(rec("t-" + i, 0, t, m, l, i % 2));
            }
        }
        List<TrajectoryRecord> back = new ArrayList<>();
        assertEquals(n, TrajectoryArrowReader.read(fs, f, back::add));
        TrajectoryRecord last = back.get(n - 1);
        int i = n - 1;
        assertEquals("t-" + i, last.getTaskId());
        assertEquals(i % 13, last.getTokens().length);
        assertEquals(i * 100 + 3, last.getTokens()[3]);
    }

    @Test
    void mismatchedListLengthsAreRejected() throws Exception {
        FileSystem fs = FileSystem.getLocal(new Configuration());
        try (TrajectoryArrowWriter w = new TrajectoryArrowWriter(fs, new Path(new Path(dir.toUri()), "x.arrow"))) {
            assertThrows(IllegalArgumentException.class,
                    () -> w.write(rec("t", 0, new int[]{1, 2}, new byte[]{1}, new float[]{0f, 0f}, 1f)));
        }
    }

    @Test
    void notATrajectoryFileIsReportedWithItsPath() throws Exception {
        FileSystem fs = FileSystem.getLocal(new Configuration());
        java.nio.file.Path bad = dir.resolve("part-00000.arrow");
        java.nio.file.Files.writeString(bad, "not arrow at all, not arrow at all");
        Exception e = assertThrows(Exception.class, () -> TrajectoryArrowReader.read(fs, new Path(bad.toUri()), r -> { }));
        assertEquals(true, e.getMessage() != null);
    }

    /** pyarrow (Arrow C++) reads the file Arrow Java wrote: schema, metadata and values. */
    @Test
    void readableByPyArrow() throws Exception {
        Assumptions.assumeTrue(PyArrow.python() != null, "pyarrow not installable on this machine");
        FileSystem fs = FileSystem.getLocal(new Configuration());
        java.nio.file.Path file = dir.resolve(TrajectoryArrow.fileName(0));
        try (TrajectoryArrowWriter w = new TrajectoryArrowWriter(fs, new Path(file.toUri()))) {
            for (TrajectoryRecord r : sample()) {
                w.write(r);
            }
        }
        String out = PyArrow.run(String.join("\n",
                "import sys, pyarrow as pa",
                "t = pa.ipc.open_file(sys.argv[1]).read_all()",
                "print(t.schema.metadata[b'selfchallenge.schema_version'].decode())",
                "print(t.schema.field('tokens').type, t.schema.field('loss_mask').type, t.schema.field('behaviour_logprobs').type)",
                "print(t.num_rows)",
                "print(t.column('tokens').to_pylist())",
                "print(t.column('loss_mask').to_pylist())",
                "print(t.column('behaviour_logprobs').to_pylist())",
                "print(t.column('reward').to_pylist(), t.column('trajectory_id').to_pylist())",
                "print(t.column('turns')[0].as_py())"), file.toString());
        String[] lines = out.split("\n");
        assertEquals("1", lines[0]);
        assertEquals("list<item: int32 not null> list<item: uint8 not null> list<item: float not null>", lines[1]);
        assertEquals("3", lines[2]);
        assertEquals("[[1, 2, 3, 4], [1, 2, 7], []]", lines[3]);
        assertEquals("[[0, 0, 1, 1], [0, 0, 1], []]", lines[4]);
        assertEquals("[[0.0, 0.0, -0.5, -1.25], [0.0, 0.0, -2.0], []]", lines[5]);
        assertEquals("[1.0, 0.0, 0.0] ['t-1#0@r1', 't-1#1@r1', 't-2#0@r1']", lines[6]);
        assertEquals("[{\"role\":\"user\",\"content\":\"héllo\"}]", lines[7]);
    }
}
