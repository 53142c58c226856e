package org.selfchallenge.spark;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.selfchallenge.spark.cli.PipelineCli;
import org.selfchallenge.spark.io.TrajectoryArrowReader;
import org.selfchallenge.spark.io.TrajectoryRecord;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The job submitted with the real {@code SparkSubmit} to a real standalone cluster (master + 2
 * workers, separate JVMs started here with a stand-in SPARK_HOME as in the platform notes, stopped by
 * PID). During round 1's solve one executor JVM is killed: Spark re-runs its tasks on a new executor and
 * the trajectories come out exactly once each. The workers list GPUs with the real conf/gpu-discovery.sh
 * over a test-double {@code nvidia-smi} (worker 1 has GPU 0, worker 2 GPU 1), and the train stage,
 * with {@code train.gpu.enabled}, must be scheduled onto one and train on {@code /GPU:<its address>}.
 */
@Tag("slow")
class StandaloneClusterIT {
    @TempDir
    Path dir;
    private final List<Process> started = new ArrayList<>();

    @AfterEach
    void stopByPid() throws Exception {
        for (int i = started.size() - 1; i >= 0; i--) {
            Process p = started.get(i);
            p.descendants().forEach(ProcessHandle::destroy);
            p.destroy();
            if (!p.waitFor(20, TimeUnit.SECONDS)) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
            }
        }
    }

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private Process java(String name, List<String> args, Path sparkHome, List<String> jvmExtra) throws Exception {
        return java(name, args, sparkHome, jvmExtra, Map.of());
    }

    private Process java(String name, List<String> args, Path sparkHome, List<String> jvmExtra, Map<String, String> env)
            throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(TestJvm.java());
        cmd.addAll(jvmExtra);
        cmd.addAll(TestJvm.OPENS);
        cmd.addAll(List.of("-cp", sparkHome.resolve("jars") + "/*"));
        cmd.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(dir.resolve(name + ".log").toFile());
        pb.environment().put("SPARK_HOME", sparkHome.toString());
        pb.environment().put("SPARK_SCALA_VERSION", "2.13");
        pb.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
        pb.environment().putAll(env);
        Process p = pb.start();
        started.add(p);
        return p;
    }

    /** $SPARK_HOME/jars: every jar of the test classpath, classes directories packed as jars. */
    private Path sparkHome() throws Exception {
        Path jars = Files.createDirectories(dir.resolve("sparkhome/jars"));
        int n = 0;
        for (Path e : TestJvm.classpath()) {
            if (Files.isDirectory(e)) {
                TestJvm.jar(e, jars.resolve("dir" + (n++) + "-" + e.getParent().getParent().getFileName() + ".jar"));
            } else if (Files.isRegularFile(e) && e.toString().endsWith(".jar")) {
                Files.createSymbolicLink(jars.resolve(e.getFileName()), e);
            }
        }
        return dir.resolve("sparkhome");
    }

    private static int aliveWorkers(int uiPort) {
        try {
            JsonNode n = new ObjectMapper().readTree(URI.create("http://127.0.0.1:" + uiPort + "/json/").toURL());
            int alive = 0;
            for (JsonNode w : n.path("workers")) {
                alive += "ALIVE".equals(w.path("state").asText()) ? 1 : 0;
            }
            return alive;
        } catch (Exception e) {
            return 0;
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void submittedJobSurvivesAnExecutorKilledDuringSolveAndTrainsOnItsAssignedGpu() throws Exception {
        Path home = sparkHome();
        int port = freePort();
        int ui = freePort();
        java("master", List.of("org.apache.spark.deploy.master.Master", "--host", "127.0.0.1", "--port", "" + port,
                "--webui-port", "" + ui), home, List.of("-Xmx384m"));
        List<Process> workers = new ArrayList<>();
        for (int i = 1; i <= 2; i++) {
            Path smi = GpuDiscoveryScriptTest.fakeNvidiaSmi(dir, "echo " + (i - 1));
            workers.add(java("worker" + i, List.of("org.apache.spark.deploy.worker.Worker", "--host", "127.0.0.1",
                    "--cores", "1", "--memory", "1g", "--webui-port", "" + freePort(), "--work-dir",
                    Files.createDirectories(dir.resolve("work" + i)).toString(), "spark://127.0.0.1:" + port),
                    home, List.of("-Xmx256m", "-Dspark.worker.resource.gpu.amount=1",
                            "-Dspark.worker.resource.gpu.discoveryScript=" + GpuDiscoveryScriptTest.script()),
                    Map.of("PATH", smi + ":" + System.getenv("PATH"))));
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
        while (aliveWorkers(ui) < 2 && System.nanoTime() < deadline) {
            Thread.sleep(500);
        }
        assertEquals(2, aliveWorkers(ui), "workers did not register");

        Path out = dir.resolve("run");
        Path conf = dir.resolve("scripted.conf");
        Files.writeString(conf, ScriptedRun.hocon(out.toString()) + "\nselfchallenge.train.gpu.enabled = true\n");
        Path appJar = TestJvm.jar(Path.of("target/classes"), dir.resolve("app.jar"));
        String opens = String.join(" ", TestJvm.OPENS);
        Process submit = java("submit", List.of("org.apache.spark.deploy.SparkSubmit",
                "--master", "spark://127.0.0.1:" + port, "--deploy-mode", "client",
                "--class", PipelineCli.class.getName(),
                "--conf", "spark.driver.host=127.0.0.1", "--conf", "spark.driver.bindAddress=127.0.0.1",
                "--conf", "spark.executor.memory=768m", "--conf", "spark.executor.cores=1",
                "--conf", "spark.executor.resource.gpu.amount=1",
                "--conf", "spark.executor.extraJavaOptions=" + opens + " -Dselfchallenge.test.episode-sleep-ms=4000",
                "--conf", "spark.ui.enabled=false", "--conf", "spark.task.maxFailures=4",
                appJar.toString(), "--conf", conf.toString()), home, List.of("-Xmx1g"));

        // Wait for round 1's solve to start, then kill one executor JVM (a child of a worker).
        Path solving = out.resolve("round-1/_tmp_solve/trajectories");
        deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(8);
        while (!Files.exists(solving) && submit.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertTrue(Files.exists(solving), "solve never started: " + Files.readString(dir.resolve("submit.log")));
        Thread.sleep(1500);
        Optional<ProcessHandle> executor = workers.stream().flatMap(Process::descendants)
                .filter(h -> h.info().commandLine().orElse("").contains("CoarseGrainedExecutorBackend")).findFirst();
        assertTrue(executor.isPresent(), "no executor process found");
        executor.get().destroyForcibly();

        assertTrue(submit.waitFor(10, TimeUnit.MINUTES), "job did not finish");
        String log = Files.readString(dir.resolve("submit.log"));
        assertEquals(0, submit.exitValue(), log);
        assertTrue(log.contains("Lost executor"), "the killed executor was not noticed by Spark:\n" + log);

        Map<String, Object> m = new ObjectMapper().readValue(out.resolve("metrics.json").toFile(), Map.class);
        assertEquals(2, ScriptedRun.round(m, 1).get("trajectories"));
        assertEquals(4, ScriptedRun.round(m, 2).get("trajectories"));
        assertEquals(1.0, ScriptedRun.round(m, 2).get("heldout_pass_at_1"));
        for (int r = 1; r <= 2; r++) {
            Map<String, Object> train = ScriptedRun.round(m, r);
            List<String> gpus = (List<String>) train.get("gpu_addresses");
            assertEquals("gpu", train.get("device"));
            assertEquals(1, gpus.size(), "round " + r + ": " + gpus);
            assertTrue(Set.of("0", "1").contains(gpus.get(0)), gpus.get(0));
            assertEquals("/GPU:" + gpus.get(0), train.get("tf_device"));
        }
        FileSystem fs = FileSystem.getLocal(new Configuration());
        for (String r : List.of("round-1", "round-2")) {
            org.apache.hadoop.fs.Path t = new org.apache.hadoop.fs.Path(out.resolve(r + "/solve/trajectories").toUri());
            List<TrajectoryRecord> recs = TrajectoryArrowReader.readAll(fs, t);
            Set<String> ids = new HashSet<>();
            recs.forEach(x -> assertTrue(ids.add(x.getTrajectoryId()), "duplicate " + x.getTrajectoryId()));
            assertEquals(r.equals("round-1") ? 2 : 4, recs.size());
            try (var s = Files.list(Path.of(t.toUri()))) {
                assertFalse(s.anyMatch(p -> p.getFileName().toString().contains(".attempt-")), "attempt leftovers");
            }
        }
    }
}
