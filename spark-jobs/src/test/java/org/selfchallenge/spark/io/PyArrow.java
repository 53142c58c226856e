package org.selfchallenge.spark.io;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Finds a CPython with pyarrow (the C++ Arrow implementation) to read our files independently of
 * Arrow Java. Tries {@code python3} and {@code /usr/bin/python3}; if neither has it, one
 * {@code pip install pyarrow} (the package index configured on the machine). Null if unavailable.
 */
public final class PyArrow {
    private static String python;
    private static boolean probed;

    private PyArrow() {
    }

    public static synchronized String python() {
        if (!probed) {
            probed = true;
            for (String p : List.of("python3", "/usr/bin/python3")) {
                if (ok(p, "-c", "import pyarrow")) {
                    python = p;
                    return python;
                }
            }
            if (ok("python3", "-m", "pip", "install", "-q", "pyarrow") && ok("python3", "-c", "import pyarrow")) {
                python = "python3";
            }
        }
        return python;
    }

    private static boolean ok(String... cmd) {
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(300, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    /** Runs a Python script with pyarrow; returns stdout; fails on a non-zero exit. */
    public static String run(String script, String... args) throws Exception {
        String[] cmd = new String[3 + args.length];
        cmd[0] = python();
        cmd[1] = "-c";
        cmd[2] = script;
        System.arraycopy(args, 0, cmd, 3, args.length);
        Process p = new ProcessBuilder(cmd).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new AssertionError("python failed: " + err);
        }
        return out;
    }
}
