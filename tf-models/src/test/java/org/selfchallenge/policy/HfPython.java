package org.selfchallenge.policy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The real transformers / peft / tokenizers, driven through {@code src/test/python/hf_interop.py}: the
 * independent side of the interop tests. The interpreter is {@code -Dselfchallenge.test.python} or the
 * {@code python3} on PATH (the one {@code .ci/run} installs the libraries into). Where the libraries cannot be
 * imported the tests are skipped, with a message on stderr that says so.
 */
public final class HfPython {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path SCRIPT = Path.of("src/test/python/hf_interop.py").toAbsolutePath();
    private static final String PYTHON = System.getProperty("selfchallenge.test.python", "python3");
    private static JsonNode versions;
    private static String unavailable;

    private HfPython() {
    }

    /** Skips the calling test (loudly) unless transformers, torch, peft and tokenizers import. */
    public static synchronized JsonNode require() {
        if (versions == null && unavailable == null) {
            try {
                versions = call("versions");
            } catch (IOException | RuntimeException e) {
                unavailable = e.getMessage();
                System.err.println("*** HF INTEROP TESTS SKIPPED: transformers/torch/peft not importable by "
                        + PYTHON + " (" + unavailable + "); .ci/run installs them with pip ***");
            }
        }
        Assumptions.assumeTrue(unavailable == null, "HF interop skipped: " + unavailable);
        return versions;
    }

    /** Runs one command of the script and returns the JSON object it printed. */
    public static JsonNode call(String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(PYTHON, SCRIPT.toString()));
        cmd.addAll(List.of(args));
        Path log = Files.createTempFile("hf_interop", ".log");
        try {
            Process p = new ProcessBuilder(cmd).redirectError(log.toFile()).start();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(600, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException("hf_interop.py " + args[0] + " timed out");
            }
            if (p.exitValue() != 0) {
                String err = Files.readString(log, StandardCharsets.UTF_8);
                throw new IOException("hf_interop.py " + args[0] + " exited " + p.exitValue() + ": "
                        + err.substring(Math.max(0, err.length() - 2000)));
            }
            String s = new String(out, StandardCharsets.UTF_8).strip();
            return JSON.readTree(s.substring(s.lastIndexOf('\n') + 1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        } finally {
            Files.deleteIfExists(log);
        }
    }

    /** [T][V] floats of a JSON array of arrays. */
    public static float[][] matrix(JsonNode rows) {
        float[][] m = new float[rows.size()][];
        for (int t = 0; t < m.length; t++) {
            m[t] = new float[rows.get(t).size()];
            for (int v = 0; v < m[t].length; v++) {
                m[t][v] = (float) rows.get(t).get(v).asDouble();
            }
        }
        return m;
    }

    /** max |a - b| over two matrices of one shape. */
    public static double maxAbsDiff(float[][] a, float[][] b) {
        if (a.length != b.length) {
            throw new AssertionError("rows " + a.length + " vs " + b.length);
        }
        double max = 0;
        for (int t = 0; t < a.length; t++) {
            if (a[t].length != b[t].length) {
                throw new AssertionError("row " + t + ": " + a[t].length + " vs " + b[t].length + " columns");
            }
            for (int v = 0; v < a[t].length; v++) {
                max = Math.max(max, Math.abs(a[t][v] - b[t][v]));
            }
        }
        return max;
    }
}
