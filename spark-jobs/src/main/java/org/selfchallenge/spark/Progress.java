package org.selfchallenge.spark;

import org.apache.spark.SparkContext;
import org.apache.spark.scheduler.AccumulableInfo;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerExecutorMetricsUpdate;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.util.LongAccumulator;
import scala.Tuple4;
import scala.jdk.javaapi.CollectionConverters;

import java.io.PrintStream;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Console progress per stage: items done/total, rate, ETA. Items are counted by a Spark accumulator
 * that tasks bump per item; running tasks' partial counts arrive with executor heartbeats (the
 * listener keeps the latest value per task), finished tasks' counts are in the accumulator itself.
 */
public final class Progress extends SparkListener {
    private static final long PRINT_EVERY_MS = 2000;
    private final PrintStream out;
    private final boolean enabled;
    private final Map<Long, Long> running = new ConcurrentHashMap<>();
    private volatile LongAccumulator current;

    public Progress(SparkContext sc, boolean enabled, PrintStream out) {
        this.out = out;
        this.enabled = enabled;
        sc.addSparkListener(this);
    }

    /** A tracker for one stage; close it when the stage's Spark work is done. */
    public Tracker track(SparkContext sc, String label, long total, String unit) {
        LongAccumulator acc = sc.longAccumulator("progress:" + label);
        running.clear();
        current = acc;
        return new Tracker(label, total, unit, acc);
    }

    @Override
    public void onExecutorMetricsUpdate(SparkListenerExecutorMetricsUpdate e) {
        LongAccumulator acc = current;
        if (acc == null) {
            return;
        }
        for (Tuple4<Object, Object, Object, scala.collection.immutable.Seq<AccumulableInfo>> u
                : CollectionConverters.asJava(e.accumUpdates())) {
            for (AccumulableInfo info : CollectionConverters.asJava(u._4())) {
                if (info.id() == acc.id() && info.update().isDefined()) {
                    running.put((Long) u._1(), ((Number) info.update().get()).longValue());
                }
            }
        }
    }

    @Override
    public void onTaskEnd(SparkListenerTaskEnd e) {
        running.remove(e.taskInfo().taskId());
    }

    /** Prints a line every couple of seconds while the stage runs, and a final one. */
    public final class Tracker implements AutoCloseable {
        private final String label;
        private final long total;
        private final String unit;
        private final LongAccumulator acc;
        private final long start = System.nanoTime();
        private final Thread printer;
        private volatile boolean done;

        Tracker(String label, long total, String unit, LongAccumulator acc) {
            this.label = label;
            this.total = total;
            this.unit = unit;
            this.acc = acc;
            printer = new Thread(this::loop, "progress-" + label);
            printer.setDaemon(true);
            if (enabled) {
                printer.start();
            }
        }

        public LongAccumulator accumulator() {
            return acc;
        }

        private long doneItems() {
            long partial = 0;
            for (long v : running.values()) {
                partial += v;
            }
            return Math.min(total, acc.value() + partial);
        }

        private void loop() {
            while (!done) {
                try {
                    Thread.sleep(PRINT_EVERY_MS);
                } catch (InterruptedException e) {
                    return;
                }
                if (!done) {
                    print(doneItems());
                }
            }
        }

        private void print(long n) {
            double secs = (System.nanoTime() - start) / 1e9;
            double rate = secs > 0 ? n / secs : 0;
            String eta = n > 0 && n < total ? String.format("ETA %.0fs", (total - n) / rate) : "";
            out.printf("  [%s] %d/%d %s (%.0f%%) %.1f/s %s%n", label, n, total, unit,
                    total == 0 ? 100.0 : 100.0 * n / total, rate, eta);
        }

        @Override
        public void close() {
            done = true;
            printer.interrupt();
            if (enabled) {
                print(Math.min(total, acc.value()));
            }
            if (current == acc) {
                current = null;
            }
        }
    }
}
