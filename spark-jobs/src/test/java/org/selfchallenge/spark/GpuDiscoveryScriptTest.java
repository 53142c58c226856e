package org.selfchallenge.spark;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * conf/gpu-discovery.sh against a test-double {@code nvidia-smi} on PATH (the real one ran on an H200:
 * {"name":"gpu","addresses":["0"]}). Spark parses its stdout as ResourceInformation JSON and shows
 * its stderr when it exits non-zero.
 */
class GpuDiscoveryScriptTest {
    @TempDir
    Path dir;

    /** Writes {@code nvidia-smi} that prints {@code body} (shell) into a fresh PATH directory. */
    static Path fakeNvidiaSmi(Path dir, String body) throws Exception {
        Path bin = Files.createDirectories(dir.resolve("bin-" + Math.abs(body.hashCode())));
        Path smi = bin.resolve("nvidia-smi");
        Files.writeString(smi, "#!/bin/sh\n" + body + "\n");
        Files.setPosixFilePermissions(smi, PosixFilePermissions.fromString("rwxr-xr-x"));
        return bin;
    }

    static Path script() {
        return AirflowDagTest.repoRoot().resolve("conf/gpu-discovery.sh");
    }

    private String[] run(Path bin) throws Exception {
        ProcessBuilder pb = new ProcessBuilder("bash", script().toString());
        pb.environment().put("PATH", (bin == null ? "" : bin + ":") + "/usr/bin:/bin");
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes()).strip();
        String err = new String(p.getErrorStream().readAllBytes()).strip();
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        return new String[]{"" + p.exitValue(), out, err};
    }

    @Test
    void listsEveryIndexAsSparkResourceJson() throws Exception {
        String[] r = run(fakeNvidiaSmi(dir, "[ \"$*\" = '--query-gpu=index --format=csv,noheader' ] || exit 3; printf '0\\n1\\n2\\n'"));
        assertEquals("0", r[0], r[2]);
        assertEquals("{\"name\":\"gpu\",\"addresses\":[\"0\",\"1\",\"2\"]}", r[1]);
    }

    @Test
    void failsWithTheReasonWhenNoGpuCanBeListed() throws Exception {
        String[][] cases = {
                {null, "nvidia-smi not found on PATH"},
                {"exit 9", "nvidia-smi --query-gpu=index failed"},
                {"true", "nvidia-smi lists no GPU"},
                {"echo GPU-43498adf", "unexpected nvidia-smi index 'GPU-43498adf'"},
        };
        for (String[] c : cases) {
            String[] r = run(c[0] == null ? null : fakeNvidiaSmi(dir, c[0]));
            assertEquals("1", r[0], c[1]);
            assertEquals("", r[1]);
            assertTrue(r[2].startsWith("gpu-discovery: " + c[1]), r[2]);
        }
    }
}
