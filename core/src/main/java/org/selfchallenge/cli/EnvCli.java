package org.selfchallenge.cli;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.Writer;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.selfchallenge.bench.tau.TauReward;
import org.selfchallenge.bench.tau.TauTask;
import org.selfchallenge.bench.tau.TauTasks;
import org.selfchallenge.env.Environment;
import org.selfchallenge.env.Environments;
import org.selfchallenge.env.ToolSpec;
import org.selfchallenge.pyval.PyJson;

/**
 * {@code run.sh env ...}: the environment tools for users and checks.
 * <pre>
 *   replay --env retail|airline --split train|dev|test [--out FILE]
 *   tools --env NAME
 *   m3-check --in FILE
 * </pre>
 * Exit codes: 0 ok, 1 runtime failure (unwritable output, environment missing from the build),
 * 2 bad arguments.
 */
public final class EnvCli {
    private EnvCli() {
    }

    static final String USAGE = String.join("\n",
            "usage: run.sh env <command> [options]",
            "  replay --env retail|airline --split train|dev|test [--out FILE]",
            "      replay every task's ground-truth actions (except transfer_to_human_agents) on a fresh",
            "      environment; one JSON line per task: {\"task_index\", \"data_hash\", \"observations\"}",
            "  tools --env retail|airline|calculation|web",
            "      print the tool schemas the model sees (JSON list)",
            "  m3-check --in FILE",
            "      FILE has JSON lines {\"task\": \"<domain/name>\", \"answer\": \"...\"}; prints the upstream",
            "      M3ToolEval checker's verdict per line");

    static final String M3_CHECK_CLASS = "org.selfchallenge.cli.M3CheckCli";

    /** Thrown for bad command-line arguments (exit code 2). */
    static final class UsageException extends RuntimeException {
        UsageException(String msg) {
            super(msg);
        }
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    public static int run(String[] args) {
        return run(args, System.out, System.err);
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length == 0 || args[0].equals("-h") || args[0].equals("--help") || args[0].equals("help")) {
            err.println(USAGE);
            return args.length == 0 ? 2 : 0;
        }
        String[] rest = Arrays.copyOfRange(args, 1, args.length);
        if (args[0].equals("m3-check")) {
            return m3Check(rest, err);
        }
        try {
            switch (args[0]) {
                case "replay":
                    return replay(parse(rest, List.of("--env", "--split"), List.of("--out")), out, err);
                case "tools":
                    return tools(parse(rest, List.of("--env"), List.of()), out, err);
                default:
                    throw new UsageException("unknown command '" + args[0] + "'");
            }
        } catch (UsageException | IllegalArgumentException e) {
            err.println("error: " + e.getMessage());
            err.println(USAGE);
            return 2;
        } catch (IllegalStateException | java.io.UncheckedIOException e) {
            // Missing or corrupt bundled data: the message names the resource.
            err.println("error: " + e.getMessage());
            return 1;
        }
    }

    /** Parses {@code --name value} pairs; every required option must appear, nothing else may. */
    static Map<String, String> parse(String[] args, List<String> required, List<String> optional) {
        LinkedHashMap<String, String> opts = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (!required.contains(a) && !optional.contains(a)) {
                throw new UsageException("unexpected argument '" + a + "'");
            }
            if (i + 1 >= args.length || args[i + 1].startsWith("--")) {
                throw new UsageException("option " + a + " needs a value");
            }
            if (opts.put(a, args[++i]) != null) {
                throw new UsageException("option " + a + " given twice");
            }
        }
        for (String r : required) {
            if (!opts.containsKey(r)) {
                throw new UsageException("missing option " + r);
            }
        }
        return opts;
    }

    private static Environment environment(String name, PrintStream err) {
        if (!Environments.CLASSES.containsKey(name)) {
            throw new UsageException("unknown environment '" + name + "'; valid: "
                    + String.join(", ", Environments.CLASSES.keySet()));
        }
        try {
            return Environments.load(name);
        } catch (IllegalStateException e) {
            err.println("error: " + e.getMessage());
            return null;
        }
    }

    static int replay(Map<String, String> opts, PrintStream out, PrintStream err) {
        String envName = opts.get("--env");
        String split = opts.get("--split");
        if (!TauTasks.SPLITS.containsKey(envName)) {
            throw new UsageException("replay needs a τ-bench environment (" + String.join(", ",
                    TauTasks.SPLITS.keySet()) + "), not '" + envName + "'");
        }
        List<TauTask> tasks = TauTasks.load(envName, split); // IllegalArgumentException → exit 2
        Environment env = environment(envName, err);
        if (env == null) {
            return 1;
        }
        String outFile = opts.get("--out");
        Writer w;
        try {
            w = outFile == null ? new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8))
                    : Files.newBufferedWriter(Path.of(outFile), StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            err.println("error: cannot write output file " + outFile + ": " + e);
            return 1;
        }
        try {
            for (TauTask task : tasks) {
                TauReward.Replay r = TauReward.replay(env, task);
                LinkedHashMap<String, Object> line = new LinkedHashMap<>();
                line.put("task_index", (long) task.index());
                line.put("data_hash", r.dataHash());
                line.put("observations", r.observations());
                w.write(PyJson.dumps(line));
                w.write('\n');
            }
            w.flush();
            if (outFile != null) {
                w.close();
                err.println("wrote " + tasks.size() + " lines to " + outFile);
            }
        } catch (IOException e) {
            err.println("error: writing " + (outFile == null ? "stdout" : outFile) + " failed: " + e);
            return 1;
        }
        return 0;
    }

    static int tools(Map<String, String> opts, PrintStream out, PrintStream err) {
        Environment env = environment(opts.get("--env"), err);
        if (env == null) {
            return 1;
        }
        StringBuilder sb = new StringBuilder("[");
        List<ToolSpec> specs = env.tools();
        for (int i = 0; i < specs.size(); i++) {
            sb.append(i == 0 ? "" : ",\n ").append(specs.get(i).schemaJson());
        }
        out.println(sb.append("]"));
        return 0;
    }

    /** Delegates to the M3ToolEval checker CLI (args after "m3-check", e.g. {@code --in FILE}). */
    static int m3Check(String[] args, PrintStream err) {
        Method m;
        try {
            m = Class.forName(M3_CHECK_CLASS).getMethod("run", String[].class);
        } catch (ClassNotFoundException | NoSuchMethodException e) {
            err.println("error: m3-check is not available in this build (" + M3_CHECK_CLASS + ".run not found)");
            return 1;
        }
        try {
            return (Integer) m.invoke(null, (Object) args);
        } catch (InvocationTargetException e) {
            Throwable c = e.getCause();
            if (c instanceof RuntimeException) {
                throw (RuntimeException) c;
            }
            throw new IllegalStateException(c);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }
}
