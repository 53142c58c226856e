package org.selfchallenge.spark;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.selfchallenge.spark.cli.PipelineCli;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A pipeline JVM killed (SIGKILL) right after round 1's verify commits; the same command again skips
 * every committed stage, redoes the rest, and ends with exactly the counts of an uninterrupted run.
 */
@Tag("slow")
class ResumeAfterKillIT {
    @TempDir
    Path dir;

    private Process start(Path conf, Path log) throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(TestJvm.java());
        cmd.add("-Xmx1g");
        cmd.addAll(TestJvm.OPENS);
        cmd.addAll(List.of("-cp", TestJvm.classpathString(), PipelineCli.class.getName(), "--conf", conf.toString()));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
        return pb.start();
    }

    @Test
    @SuppressWarnings("unchecked")
    void killedRunResumesFromTheLastCommittedStage() throws Exception {
        Path out = dir.resolve("run");
        Path conf = dir.resolve("scripted.conf");
        Files.writeString(conf, ScriptedRun.hocon(out.toString()));
        Process first = start(conf, dir.resolve("first.log"));
        Path marker = out.resolve("round-1/verify/_SUCCESS");
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(6);
        while (!Files.exists(marker) && first.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertTrue(Files.exists(marker), "round 1 verify never committed: "
                + Files.readString(dir.resolve("first.log")));
        first.destroyForcibly();
        first.waitFor(30, TimeUnit.SECONDS);
        assertFalse(Files.exists(out.resolve("round-1/train/_SUCCESS")));

        Process second = start(conf, dir.resolve("second.log"));
        assertTrue(second.waitFor(8, TimeUnit.MINUTES), "resumed run did not finish");
        String log = Files.readString(dir.resolve("second.log"), StandardCharsets.UTF_8);
        assertEquals(0, second.exitValue(), log);
        for (String s : List.of("round 0 challenge", "round 0 verify", "round 0 init", "round 0 evaluate",
                "round 1 challenge", "round 1 verify")) {
            assertTrue(log.contains("[" + s + "] committed earlier: skipped"), s + " was not skipped:\n" + log);
        }
        assertTrue(log.contains("[round 2 evaluate] committed in"), log);
        Map<String, Object> m = new ObjectMapper().readValue(out.resolve("metrics.json").toFile(), Map.class);
        assertEquals(2, ScriptedRun.round(m, 1).get("trajectories"));
        assertEquals(0.5, ScriptedRun.round(m, 1).get("mean_reward"));
        assertEquals(4, ScriptedRun.round(m, 2).get("trajectories"));
        assertEquals(1.0, ScriptedRun.round(m, 2).get("heldout_pass_at_1"));
        try (var s = Files.list(out.resolve("round-1"))) {
            assertEquals(List.of("challenge", "evaluate", "solve", "train", "verify"),
                    s.map(p -> p.getFileName().toString()).sorted().toList(), "no temporary leftovers");
        }
        assertEquals(2, new File(out.resolve("round-1/solve/trajectories").toString()).list((d, n) -> n.endsWith(".arrow")).length);
    }
}
