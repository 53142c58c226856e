package org.selfchallenge.spark.io;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.hdfs.MiniDFSCluster;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.selfchallenge.spark.SharedSparkSession;

import java.io.File;
import java.nio.file.Files;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Arrow trajectories and Parquet tables written to and read from a real in-process HDFS. */
@Tag("slow")
class HdfsOutputIT extends SharedSparkSession {
    private static MiniDFSCluster hdfs;
    private static File base;

    @BeforeAll
    static void start() throws Exception {
        base = Files.createTempDirectory("minidfs-").toFile();
        Configuration conf = new Configuration();
        conf.set(MiniDFSCluster.HDFS_MINIDFS_BASEDIR, base.getAbsolutePath());
        hdfs = new MiniDFSCluster.Builder(conf).numDataNodes(1).build();
        hdfs.waitActive();
    }

    @AfterAll
    static void stop() {
        if (hdfs != null) {
            hdfs.shutdown();
        }
        if (base != null) {
            LocalCopies.deleteRecursively(base.toPath());
        }
    }

    @Test
    void arrowAndParquetRoundTripThroughHdfs() throws Exception {
        String root = "hdfs://localhost:" + hdfs.getNameNodePort() + "/runs/r1";
        FileSystem fs = new Path(root).getFileSystem(hdfs.getConfiguration(0));
        Path dir = new Path(root + "/round-1/solve/trajectories");
        try (TrajectoryArrowWriter w = new TrajectoryArrowWriter(fs, new Path(dir, TrajectoryArrow.fileName(3)))) {
            for (TrajectoryRecord r : TrajectoryArrowTest.sample()) {
                w.write(r);
            }
        }
        assertEquals("hdfs", fs.getFileStatus(dir).getPath().toUri().getScheme());
        List<TrajectoryRecord> back = TrajectoryArrowReader.readAll(fs, dir);
        assertEquals(3, back.size());
        assertArrayEquals(new int[]{1, 2, 3, 4}, back.get(0).getTokens());
        assertArrayEquals(new float[]{0f, 0f, -2f}, back.get(1).getBehaviourLogprobs());

        List<TrajectorySummaryRow> rows = back.stream().map(r -> TrajectorySummaryRow.of(r, "answered", "part-00003.arrow")).toList();
        String table = root + "/round-1/solve/trajectories_summary";
        spark().createDataFrame(rows, TrajectorySummaryRow.class).write().parquet(table);
        Row agg = spark().read().parquet(table).selectExpr("count(*)", "sum(reward)", "sum(tokens)").first();
        assertEquals(3L, agg.getLong(0));
        assertEquals(1.0, agg.getDouble(1));
        assertEquals(7L, agg.getLong(2));
    }
}
