package org.selfchallenge.spark.cli;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The command-line front door behind {@code run.sh}: one subcommand per tool of the product. Each
 * subcommand is a class in its module's {@code cli} package (core, tf-models or here) with
 * {@code public static int run(String[] args)}; this class only dispatches, by class name, so the
 * modules stay independent. Exit code: what the subcommand returns (2 for bad arguments, by convention).
 */
public final class Main {

    /** subcommand → implementing class. */
    static final Map<String, String> COMMANDS = new LinkedHashMap<>();

    static {
        COMMANDS.put("env", "org.selfchallenge.cli.EnvCli");
        COMMANDS.put("cat", "org.selfchallenge.cli.CatCli");
        COMMANDS.put("model", "org.selfchallenge.policy.cli.ModelCli");
        COMMANDS.put("eval", "org.selfchallenge.cli.EvalCli");
        COMMANDS.put("challenge", "org.selfchallenge.cli.ChallengeCli");
        COMMANDS.put("bench", "org.selfchallenge.spark.cli.BenchCli");
        COMMANDS.put("demo", "org.selfchallenge.spark.cli.PipelineCli");
        COMMANDS.put("pipeline", "org.selfchallenge.spark.cli.PipelineCli");
    }

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    public static int run(String[] args) {
        if (args.length == 0 || !COMMANDS.containsKey(args[0])) {
            System.err.println("usage: run.sh <" + String.join("|", COMMANDS.keySet()) + "> ...");
            if (args.length > 0) {
                System.err.println("unknown command: " + args[0]);
            }
            return 2;
        }
        String[] rest = args[0].equals("demo") ? args : Arrays.copyOfRange(args, 1, args.length);
        return invoke(COMMANDS.get(args[0]), rest);
    }

    /** Calls {@code cls.run(String[])}; shared with {@link BenchCli}. */
    static int invoke(String className, String[] args) {
        try {
            Method m = Class.forName(className).getMethod("run", String[].class);
            return (Integer) m.invoke(null, (Object) args);
        } catch (ClassNotFoundException | NoSuchMethodException e) {
            System.err.println("command not available in this build: " + className);
            return 2;
        } catch (InvocationTargetException e) {
            Throwable t = e.getCause();
            if (t instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(t);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }
}
