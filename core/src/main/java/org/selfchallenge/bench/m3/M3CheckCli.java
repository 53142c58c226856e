package org.selfchallenge.bench.m3;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import org.selfchallenge.pyval.PyJson;

/**
 * {@code ./run.sh env m3-check --in FILE}: FILE holds JSON lines {@code {"task": "<domain/name>",
 * "answer": "<string>"}}; prints one line {@code {"task": ..., "answer": ..., "correct": true|false}}
 * per input line (json.dumps style), judged by the upstream checker ({@link M3Checker}).
 *
 * <p>Blank lines are skipped. A malformed line (not JSON, not an object, a missing or non-string
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
        byte[] bytes;
        try {
            bytes = in.equals("-") ? stdin.readAllBytes() : Files.readAllBytes(Path.of(in));
        } catch (IOException | RuntimeException e) {
            err.println("m3-check: cannot read '" + in + "': " + e);
            return EXIT_BAD_ARGS;
        }
        String text = decode(bytes);
        M3Tasks tasks = M3Tasks.get();
        String[] lines = text.split("\n", -1);
        for (int n = 0; n < lines.length; n++) {
            String line = lines[n].endsWith("\r") ? lines[n].substring(0, lines[n].length() - 1) : lines[n];
            if (line.isBlank()) {
                continue;
            }
            String where = "m3-check: " + in + ":" + (n + 1) + ": ";
            Object parsed;
            try {
                parsed = PyJson.parse(line);
            } catch (RuntimeException e) {
                err.println(where + "not valid JSON (" + e.getMessage() + ")");
                continue;
            }
            if (!(parsed instanceof Map<?, ?> obj)) {
                err.println(where + "expected a JSON object {\"task\": ..., \"answer\": ...}");
                continue;
            }
            if (!(obj.get("task") instanceof String task)) {
                err.println(where + "missing string field \"task\"");
                continue;
            }
            if (!(obj.get("answer") instanceof String answer)) {
                err.println(where + "missing string field \"answer\"");
                continue;
            }
            M3Task t = tasks.byName(task);
            if (t == null) {
                err.println(where + "unknown task '" + task + "'");
                continue;
            }
            boolean correct;
            try {
                correct = t.check(answer);
            } catch (RuntimeException e) {
                // upstream's check_answer raises too (str() of a >4300-digit int): no verdict exists
                String type = e instanceof org.selfchallenge.env.ToolException te ? te.pythonType() : e.getClass().getSimpleName();
                err.println(where + "the upstream checker raises " + type + " on this answer: " + e.getMessage());
                continue;
            }
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("task", task);
            result.put("answer", answer);
            result.put("correct", correct);
            out.println(PyJson.dumps(result));
        }
        out.flush();
        return EXIT_OK;
    }

    /** UTF-8 with replacement, so one bad byte spoils only its own line. */
    private static String decode(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPLACE)
                    .onUnmappableCharacter(CodingErrorAction.REPLACE).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new IllegalStateException(e);
        }
    }
}
