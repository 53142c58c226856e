package org.selfchallenge.perf;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;
import org.selfchallenge.bench.tau.TauAction;
import org.selfchallenge.bench.tau.TauReward;
import org.selfchallenge.bench.tau.TauTask;
import org.selfchallenge.bench.tau.TauTasks;
import org.selfchallenge.env.CowDatabase;
import org.selfchallenge.env.Environments;
import org.selfchallenge.env.Resources;
import org.selfchallenge.env.SharedTables;
import org.selfchallenge.env.TauEnvironment;
import org.selfchallenge.pyval.PyHash;
import org.selfchallenge.pyval.PyJson;
import org.selfchallenge.pyval.PyValues;

/**
 * {@code run.sh bench env [--seconds S]}: micro-benchmarks of the environment state machinery.
 * <ul>
 *   <li>fresh snapshot ({@code Environment.fresh()}) vs a naive deep copy of the retail data;</li>
 *   <li>full-state hash (retail, airline): pristine (cached), after a typical episode (incremental),
 *       and a cold full rendering without caches (what every hash would cost naively);</li>
 *   <li>tool calls/s on a realistic retail mix (per train task: a fresh env, user lookup, detail
 *       reads, the gold write actions) and gold replays + reward hash per second.</li>
 * </ul>
 * Each measurement: warm-up, then batches timed with the thread's CPU time
 * ({@link java.lang.management.ThreadMXBean#getCurrentThreadCpuTime()}, so that other processes on a
 * shared machine do not inflate the numbers; wall time when CPU time is unsupported); the median batch
 * is reported.
 */
public final class EnvBench {
    private EnvBench() {
    }

    static final double DEFAULT_SECONDS = 1.0;
    static final int BATCHES = 7;

    /** Sink so that the JIT cannot drop measured work. */
    static volatile long sink;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    public static int run(String[] args) {
        double seconds = DEFAULT_SECONDS;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--seconds") && i + 1 < args.length) {
                try {
                    seconds = Double.parseDouble(args[++i]);
                } catch (NumberFormatException e) {
                    System.err.println("error: --seconds needs a number, got '" + args[i] + "'");
                    return 2;
                }
                if (!(seconds > 0)) {
                    System.err.println("error: --seconds must be positive");
                    return 2;
                }
            } else {
                System.err.println("usage: run.sh bench env [--seconds S]   (S per measurement, default "
                        + DEFAULT_SECONDS + ")");
                return 2;
            }
        }
        report(seconds);
        return 0;
    }

    /**
     * Runs {@code op} (returning a value to sink) repeatedly: warm-up for {@code seconds/2} (so the
     * JIT has compiled it), batch size calibrated to {@code seconds/BATCHES}, then {@link #BATCHES}
     * timed batches. Returns the median ns per call.
     */
    public static double measure(double seconds, LongSupplier op) {
        long warm = (long) (seconds * 0.5e9);
        long t0 = System.nanoTime();
        long calls = 0;
        while (System.nanoTime() - t0 < warm || calls < 3) {
            sink += op.getAsLong();
            calls++;
        }
        double estimate = (System.nanoTime() - t0) / (double) calls;
        long n = Math.max(1, (long) (seconds * 1e9 / BATCHES / estimate));
        double[] perOp = new double[BATCHES];
        for (int b = 0; b < BATCHES; b++) {
            long s = now();
            for (long i = 0; i < n; i++) {
                sink += op.getAsLong();
            }
            perOp[b] = (now() - s) / (double) n;
        }
        Arrays.sort(perOp);
        return perOp[BATCHES / 2];
    }

    private static final java.lang.management.ThreadMXBean THREADS =
            java.lang.management.ManagementFactory.getThreadMXBean();
    private static final boolean CPU_TIME = THREADS.isCurrentThreadCpuTimeSupported();

    /** Thread CPU time in ns (wall-clock nanoTime where unsupported). */
    static long now() {
        return CPU_TIME ? THREADS.getCurrentThreadCpuTime() : System.nanoTime();
    }

    public static String fmt(double ns) {
        if (ns < 1e3) {
            return String.format("%.0f ns", ns);
        }
        if (ns < 1e6) {
            return String.format("%.2f µs", ns / 1e3);
        }
        return String.format("%.2f ms", ns / 1e6);
    }

    static void report(double seconds) {
        TauEnvironment retail = (TauEnvironment) Environments.load("retail");
        retail.domain().data().warmUp();
        System.out.println("# env bench (" + seconds + " s per measurement, median of " + BATCHES
                + " batches, " + (CPU_TIME ? "thread CPU time" : "wall time") + "; JVM "
                + System.getProperty("java.version") + ", " + Runtime.getRuntime().availableProcessors()
                + " cpus, load average " + java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                .getSystemLoadAverage() + ")");

        // 1. Fresh snapshot vs naive deep copy.
        double fresh = measure(seconds, () -> System.identityHashCode(retail.fresh()));
        LinkedHashMap<String, Object> plain = retail.db().snapshot();
        double deep = measure(seconds, () -> ((Map<?, ?>) PyValues.deepCopy(plain)).size());
        System.out.printf("retail fresh()            %12s   (naive deep copy of the data: %s, %.0fx)%n",
                fmt(fresh), fmt(deep), deep / fresh);

        // 2. Hashes.
        List<TauTask> train = TauTasks.load("retail", "train");
        TauEnvironment episode = retail.fresh();
        for (TauAction a : train.get(0).actions()) {
            episode.call(a.name(), a.kwargsCopy());
        }
        double hPristine = measure(seconds, () -> retail.fresh().stateHash().length());
        double hEpisode = measure(seconds, () -> episode.stateHash().length());
        double hCold = measure(seconds, () -> PyHash.hash(plain).length());
        System.out.printf("retail hash: pristine %s, after an episode (%d records touched) %s, cold full render %s "
                + "(%d chars)%n", fmt(hPristine), episode.db().touchedRecords(), fmt(hEpisode), fmt(hCold),
                PyHash.hashableStr(plain).length());
        airlineHashes(seconds);

        // 3. Tool calls on a realistic mix.
        List<List<Object[]>> episodes = retailMix(retail, train);
        int callsPerRound = episodes.stream().mapToInt(List::size).sum();
        double round = measure(seconds, () -> {
            long n = 0;
            for (List<Object[]> ep : episodes) {
                TauEnvironment e = retail.fresh();
                for (Object[] c : ep) {
                    @SuppressWarnings("unchecked")
                    Map<String, Object> kw = PyValues.deepCopy((Map<String, Object>) c[1]);
                    n += e.call((String) c[0], kw).length();
                }
            }
            return n;
        });
        System.out.printf("retail tool calls: %.0f calls/s (%d calls over %d episodes incl. fresh(): %s per call)%n",
                callsPerRound / (round / 1e9), callsPerRound, episodes.size(), fmt(round / callsPerRound));
        double replay = measure(seconds, () -> {
            long n = 0;
            for (TauTask t : train) {
                n += TauReward.replay(retail, t).dataHash().length();
            }
            return n;
        });
        System.out.printf("retail gold replay + hash: %.0f tasks/s (%s per task)%n",
                train.size() / (replay / 1e9), fmt(replay / train.size()));
    }

    private static void airlineHashes(double seconds) {
        SharedTables airline;
        String how;
        if (Environments.isAvailable("airline")) {
            airline = ((TauEnvironment) Environments.load("airline")).domain().data();
            how = "AirlineEnvironment";
        } else {
            // The airline port is not in this build: hash its bundled data directly.
            LinkedHashMap<String, Object> data = new LinkedHashMap<>();
            for (String t : List.of("flights", "reservations", "users")) {
                data.put(t, PyJson.parse(Resources.readString(Resources.DATA_ROOT + "taubench/airline/" + t + ".json")));
            }
            airline = SharedTables.of(data);
            how = "data only";
        }
        airline.warmUp();
        CowDatabase db = new CowDatabase(airline);
        String someUser = db.ids("users").get(7);
        String someRes = db.ids("reservations").get(42);
        db.write("users", someUser).put("membership", "gold");
        db.write("reservations", someRes).put("status", "cancelled");
        double hEpisode = measure(seconds, () -> db.hash().length());
        LinkedHashMap<String, Object> plain = db.snapshot();
        double hCold = measure(seconds, () -> PyHash.hash(plain).length());
        System.out.printf("airline hash (%s): after an episode (2 records touched) %s, cold full render %s%n",
                how, fmt(hEpisode), fmt(hCold));
    }

    /** Per train task: user lookup, user details, each order's and product's details, then the gold actions. */
    @SuppressWarnings("unchecked")
    static List<List<Object[]>> retailMix(TauEnvironment retail, List<TauTask> tasks) {
        List<List<Object[]>> out = new ArrayList<>();
        CowDatabase db = retail.db();
        for (TauTask t : tasks) {
            List<Object[]> calls = new ArrayList<>();
            Map<String, Object> user = db.read("users", t.userId());
            if (user != null) {
                calls.add(new Object[] {"find_user_id_by_email", Map.of("email", user.get("email"))});
                calls.add(new Object[] {"get_user_details", Map.of("user_id", t.userId())});
            }
            for (TauAction a : t.actions()) {
                Object oid = a.kwargs().get("order_id");
                if (oid instanceof String) {
                    calls.add(new Object[] {"get_order_details", Map.of("order_id", oid)});
                    Map<String, Object> order = db.read("orders", oid);
                    if (order != null) {
                        Object pid = ((Map<String, Object>) ((List<Object>) order.get("items")).get(0)).get("product_id");
                        calls.add(new Object[] {"get_product_details", Map.of("product_id", pid)});
                    }
                }
            }
            calls.add(new Object[] {"calculate", Map.of("expression", "(534.84 - 457.81) * 2")});
            for (TauAction a : t.actions()) {
                calls.add(new Object[] {a.name(), a.kwargs()});
            }
            out.add(calls);
        }
        return out;
    }
}
