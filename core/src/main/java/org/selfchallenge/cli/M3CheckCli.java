package org.selfchallenge.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.selfchallenge.bench.m3.M3Task;
import org.selfchallenge.bench.m3.M3Tasks;
import org.selfchallenge.io.InputLines;
import org.selfchallenge.pyval.PyJson;

/**
 * {@code ./run.sh env m3-check --in FILE}: FILE holds JSON lines {@code {"task": "<domain/name>",
 * "answer": "<string>"}}; prints one line {@code {"task": ..., "answer": ..., "correct": true|false}}
 * per input line (json.dumps style), judged by the upstream checker ({@link M3Checker}).
 *
 * <p>Blank lines are skipped. A malformed line (over {@link InputLines#DEFAULT_MAX_LINE_BYTES} bytes,
 * not UTF-8, not JSON or nested deeper than Python's json allows, not an object, a missing or non-string
 * "task"/"answer"), an unknown task, or an answer on which the upstream checker itself raises (a
 * literal int of more than 4300 digits) is reported on stderr as {@code m3-check: FILE:N: problem} and
 * produces no output line; the remaining lines are still processed and the exit code stays 0.
 * Exit code 2: bad arguments or an unreadable file. {@code --in -} reads standard input.
 */
public final class M3CheckCli {
    public static final String USAGE = "usage: m3-check --in FILE   (JSON lines {\"task\": \"domain/name\", \"answer\": \"...\"}; - = stdin)";
    public static final int EXIT_OK = 0;
    public static final int EXIT_BAD_ARGS = 2;

    private M3CheckCli() {
    }

    public static int run(String[] args) {
        return run(args, System.in, System.out, System.err);
    }

    public static int run(String[] args, InputStream stdin, PrintStream out, PrintStream err) {
        String in = null;
        int i = 0;
        if (args.length > 0 && args[0].equals("m3-check")) {
            i = 1; // tolerate being handed the subcommand name too
        }
        for (; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--in") && i + 1 < args.length) {
                in = args[++i];
            } else if (a.startsWith("--in=")) {
                in = a.substring("--in=".length());
            } else if (a.equals("-h") || a.equals("--help")) {
                out.println(USAGE);
                return EXIT_OK;
            } else {
                err.println("m3-check: unexpected argument '" + a + "'");
                err.println(USAGE);
                return EXIT_BAD_ARGS;
            }
        }
        if (in == null || in.isEmpty()) {
            err.println("m3-check: missing --in FILE");
            err.println(USAGE);
            return EXIT_BAD_ARGS;
        }
        M3Tasks tasks = M3Tasks.get();
        InputStream src = null;
        try {
            // standard input is the caller's to close
            src = in.equals("-") ? stdin : Files.newInputStream(Path.of(in));
            InputLines lines = new InputLines(src, InputLines.DEFAULT_MAX_LINE_BYTES);
            InputLines.Line line;
            while ((line = lines.next()) != null) {
                String where = "m3-check: " + in + ":" + line.number() + ": ";
                if (!line.ok()) {
                    err.println(where + "line is " + line.problem());
                    continue;
                }
                if (line.text().isBlank()) {
                    continue;
                }
                Checked c = checkLine(tasks, line.text());
                if (c.problem() == null) {
                    out.println(c.output());
                } else {
                    err.println(where + c.problem());
                }
            }
        } catch (IOException | RuntimeException e) {
            err.println("m3-check: cannot read '" + in + "': " + e);
            out.flush();
            return EXIT_BAD_ARGS;
        } finally {
            if (src != null && src != stdin) {
                try {
                    src.close();
                } catch (IOException ignored) {
                    // read to the end or failed already: nothing more to report
                }
            }
        }
        out.flush();
        return EXIT_OK;
    }

    /** The output line for one input line, or (output null) what is wrong with it. */
    record Checked(String output, String problem) {
        static Checked problem(String p) {
            return new Checked(null, p);
        }
    }

    /**
     * Checks one input line. Never throws: the checker is ported Python and may raise like the
     * original, and no line can stop the others.
     */
    static Checked checkLine(M3Tasks tasks, String line) {
        Object parsed;
        try {
            parsed = PyJson.parse(line);
        } catch (RuntimeException e) {
            return Checked.problem("not valid JSON (" + e.getMessage() + ")");
        }
        if (!(parsed instanceof Map<?, ?> obj)) {
            return Checked.problem("expected a JSON object {\"task\": ..., \"answer\": ...}");
        }
        if (!(obj.get("task") instanceof String task)) {
            return Checked.problem("missing string field \"task\"");
        }
        if (!(obj.get("answer") instanceof String answer)) {
            return Checked.problem("missing string field \"answer\"");
        }
        M3Task t = tasks.byName(task);
        if (t == null) {
            return Checked.problem("unknown task '" + task + "'");
        }
        boolean correct;
        try {
            correct = t.check(answer);
        } catch (RuntimeException e) {
            // upstream's check_answer raises too (str() of a >4300-digit int): no verdict exists
            String type = e instanceof org.selfchallenge.env.ToolException te ? te.pythonType() : e.getClass().getSimpleName();
            return Checked.problem("the upstream checker raises " + type + " on this answer: " + e.getMessage());
        } catch (StackOverflowError e) {
            return Checked.problem("the answer is nested too deeply to check");
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("task", task);
        result.put("answer", answer);
        result.put("correct", correct);
        return new Checked(PyJson.dumps(result), null);
    }
}
