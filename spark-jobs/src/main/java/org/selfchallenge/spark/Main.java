package org.selfchallenge.spark;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The command-line front door behind {@code run.sh}: one subcommand per tool of the product. Each
 * subcommand lives beside the code it drives (in core, tf-models or here) as a class with
 * {@code public static int run(String[] args)}; this class only dispatches, so the modules stay
 * independent. Exit code: what the subcommand returns (2 for bad arguments, by convention).
 */
public final class Main {

    /** subcommand → implementing class. */
    static final Map<String, String> COMMANDS = new LinkedHashMap<>();

    static {
        COMMANDS.put("env", "org.selfchallenge.env.EnvCli");
        COMMANDS.put("cat", "org.selfchallenge.cat.CatCli");
        COMMANDS.put("model", "org.selfchallenge.policy.ModelCli");
        COMMANDS.put("eval", "org.selfchallenge.agent.EvalCli");
        COMMANDS.put("challenge", "org.selfchallenge.agent.ChallengeCli");
        COMMANDS.put("bench", "org.selfchallenge.spark.BenchCli");
        COMMANDS.put("demo", "org.selfchallenge.spark.PipelineCli");
        COMMANDS.put("pipeline", "org.selfchallenge.spark.PipelineCli");
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
