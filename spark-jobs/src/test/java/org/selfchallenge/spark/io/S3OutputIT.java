package org.selfchallenge.spark.io;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.selfchallenge.spark.Pipeline;
import org.selfchallenge.spark.ScriptedRun;
import org.selfchallenge.spark.SharedSparkSession;
import org.selfchallenge.spark.StageCommitter;
import org.selfchallenge.spark.TestJvm;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The scripted pipeline with its whole run on S3: {@code s3a://} through hadoop-aws against S3Proxy, a
 * real S3-compatible server (in-memory backend) started here as its own JVM and stopped by PID. Every
 * stage writes in place and commits with its marker, train reads the Arrow trajectories back through
 * s3a, Spark SQL reads the tables, and a re-run skips every stage.
 */
@Tag("slow")
class S3OutputIT extends SharedSparkSession {
    private static final String BUCKET = "runs";
    private static Process proxy;
    private static java.nio.file.Path work;

    @BeforeAll
    static void start() throws Exception {
        java.nio.file.Path jar = java.nio.file.Path.of("target/s3proxy/s3proxy.jar");
        assertTrue(Files.isRegularFile(jar), "S3Proxy is copied by the maven-dependency-plugin at process-test-resources");
        work = Files.createTempDirectory("s3proxy-");
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        java.nio.file.Path props = work.resolve("s3proxy.conf");
        Files.writeString(props, String.join("\n",
                "s3proxy.endpoint=http://127.0.0.1:" + port,
                "s3proxy.authorization=aws-v2-or-v4",
                "s3proxy.identity=selfchallenge-test",
                "s3proxy.credential=selfchallenge-secret",
                // In memory: with jclouds' filesystem backend S3A's per-object deletes during a rename
                // waited seconds each (stages took 10-40 s and left _tmp_ markers behind).
                "jclouds.provider=transient", ""));
        proxy = new ProcessBuilder(TestJvm.java(), "-Xmx256m", "-jar", jar.toAbsolutePath().toString(), "--properties",
                props.toString()).redirectErrorStream(true).redirectOutput(work.resolve("s3proxy.log").toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        boolean up = false;
        while (!up && proxy.isAlive() && System.nanoTime() < deadline) {
            try (Socket ignored = new Socket("127.0.0.1", port)) {
                up = true;
            } catch (java.io.IOException e) {
                Thread.sleep(200);
            }
        }
        assertTrue(up, "S3Proxy did not start: " + Files.readString(work.resolve("s3proxy.log")));
        try (S3Client s3 = S3Client.builder().endpointOverride(URI.create("http://127.0.0.1:" + port)).forcePathStyle(true)
                .region(Region.US_EAST_1).credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create("selfchallenge-test", "selfchallenge-secret"))).build()) {
            s3.createBucket(b -> b.bucket(BUCKET));
        }
        Configuration h = spark().sparkContext().hadoopConfiguration();
        h.set("fs.s3a.endpoint", "http://127.0.0.1:" + port);
        h.set("fs.s3a.endpoint.region", "us-east-1");
        h.set("fs.s3a.path.style.access", "true");
        h.set("fs.s3a.connection.ssl.enabled", "false");
        h.set("fs.s3a.access.key", "selfchallenge-test");
        h.set("fs.s3a.secret.key", "selfchallenge-secret");
        // S3Proxy rejects the bulk DeleteObjects request the current AWS SDK sends (501); the S3A option
        // for stores without it deletes one object per request.
        h.set("fs.s3a.multiobjectdelete.enable", "false");
    }

    @AfterAll
    static void stop() throws Exception {
        if (proxy != null) {
            proxy.destroy();
            if (!proxy.waitFor(20, TimeUnit.SECONDS)) {
                proxy.destroyForcibly();
            }
        }
        if (work != null) {
            LocalCopies.deleteRecursively(work);
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void aWholeRunCommitsOnS3AndResumes() throws Exception {
        String out = "s3a://" + BUCKET + "/r1";
        Map<String, Object> m = new Pipeline(spark(), ScriptedRun.config(work, out), System.out).run();
        // The scripted counts, exactly as PipelineIT's local run has them.
        assertEquals(List.of(2, 1, 2), List.of(ScriptedRun.round(m, 0).get("tasks_verified"),
                ScriptedRun.round(m, 1).get("tasks_verified"), ScriptedRun.round(m, 2).get("tasks_verified")));
        assertEquals(List.of(2, 4), List.of(ScriptedRun.round(m, 1).get("trajectories"), ScriptedRun.round(m, 2).get("trajectories")));
        assertEquals(List.of(1, 4), List.of(ScriptedRun.round(m, 1).get("train_sequences"), ScriptedRun.round(m, 2).get("train_sequences")));
        assertEquals(1.0, ScriptedRun.round(m, 2).get("heldout_pass_at_1"));

        Configuration h = spark().sparkContext().hadoopConfiguration();
        FileSystem fs = new Path(out).getFileSystem(h);
        assertEquals("s3a", fs.getScheme());
        assertTrue(new StageCommitter(fs).direct(), "stages write in place on S3: a rename would copy every object");
        Map<String, Object> onS3;
        try (var in = fs.open(new Path(out, "metrics.json"))) {
            onS3 = new ObjectMapper().readValue((java.io.InputStream) in, Map.class);
        }
        assertEquals(4, ScriptedRun.round(onS3, 2).get("trajectories"));
        List<TrajectoryRecord> recs = TrajectoryArrowReader.readAll(fs, new Path(out, "round-2/solve/trajectories"));
        for (FileStatus f : fs.listStatus(new Path(out, "round-2/solve/trajectories"))) {
            assertTrue(f.getPath().getName().matches("part-\\d{5}\\.arrow"), "written in place: " + f.getPath());
        }
        Set<String> ids = new HashSet<>();
        recs.forEach(r -> assertTrue(ids.add(r.getTrajectoryId()), "duplicate " + r.getTrajectoryId()));
        assertEquals(4, recs.size());
        assertEquals(4.0, recs.stream().mapToDouble(TrajectoryRecord::getReward).sum());
        assertEquals(5L, spark().read().parquet(out + "/round-*/verify/tasks_verified").where("kept").count());
        for (String r : List.of("round-0", "round-1", "round-2")) {
            for (FileStatus s : fs.listStatus(new Path(out, r))) {
                assertFalse(s.getPath().getName().startsWith("_tmp"), "uncommitted leftover " + s.getPath());
                assertTrue(fs.exists(new Path(s.getPath(), "_SUCCESS")), "no _SUCCESS in " + s.getPath());
            }
        }

        Pipeline again = new Pipeline(spark(), ScriptedRun.config(work, out), System.out);
        again.run();
        assertEquals(List.of(), again.ranStages());
        assertEquals(4 + 5 * 2, again.skippedStages().size());
    }
}
