package org.selfchallenge.spark.perf;

import org.apache.spark.SparkContext;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobEnd;
import org.apache.spark.scheduler.SparkListenerJobStart;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Where one stage's wall time went: the span of each Spark job it ran, and the driver's own time before
 * the first job and between and after the jobs (planning, commits, file moves). Spark's fixed cost per
 * stage lives in that driver time and in the short jobs; {@code bench spark --timeline} prints it per pass.
 *
 * <p>Attach before the stage, {@link #summary} after it: listener events arrive asynchronously, so the
 * summary first waits (up to {@value #WAIT_MS} ms) until every started job has ended.
 */
public final class JobTimeline extends SparkListener implements AutoCloseable {
    private static final long WAIT_MS = 2000;
    private final SparkContext sc;
    private final long origin;
    /** Job id → {start ms, end ms (−1 while running)}, and its first stage's name. */
    private final Map<Integer, long[]> spans = new TreeMap<>();
    private final Map<Integer, String> names = new TreeMap<>();

    /** A timeline whose stage started at {@code origin} (epoch ms), listening to {@code sc} when given. */
    JobTimeline(SparkContext sc, long origin) {
        this.sc = sc;
        this.origin = origin;
    }

    /** A timeline listening to {@code sc} from now on. */
    public static JobTimeline attach(SparkContext sc) {
        JobTimeline t = new JobTimeline(sc, System.currentTimeMillis());
        sc.addSparkListener(t);
        return t;
    }

    @Override
    public synchronized void onJobStart(SparkListenerJobStart e) {
        spans.put(e.jobId(), new long[]{e.time() - origin, -1});
        names.put(e.jobId(), e.stageInfos().isEmpty() ? "job " + e.jobId() : e.stageInfos().head().name());
    }

    @Override
    public synchronized void onJobEnd(SparkListenerJobEnd e) {
        long[] s = spans.get(e.jobId());
        if (s != null) {
            s[1] = e.time() - origin;
        }
        notifyAll();
    }

    /**
     * "0.05 s to the first job; jobs: parquet at VerifyStage.java:220 1.72 s, …; driver between and after
     * jobs 0.28 s", for a stage that ended {@code endMs} after this timeline was attached.
     */
    public synchronized String summary(long endMs) throws InterruptedException {
        long deadline = System.currentTimeMillis() + WAIT_MS;
        while (spans.values().stream().anyMatch(s -> s[1] < 0) && System.currentTimeMillis() < deadline) {
            wait(50);
        }
        if (spans.isEmpty()) {
            return String.format(Locale.ROOT, "no Spark jobs; driver %.2f s", endMs / 1e3);
        }
        List<String> jobs = new ArrayList<>();
        long busyUntil = 0;
        long inJobs = 0;
        long first = Long.MAX_VALUE;
        for (Map.Entry<Integer, long[]> e : spans.entrySet()) {
            long[] s = e.getValue();
            long end = s[1] < 0 ? endMs : s[1];
            jobs.add(String.format(Locale.ROOT, "%s %.2f s", names.get(e.getKey()), (end - s[0]) / 1e3));
            first = Math.min(first, s[0]);
            // Overlapping jobs (none in our stages, but possible) count once.
            inJobs += Math.max(0, end - Math.max(s[0], busyUntil));
            busyUntil = Math.max(busyUntil, end);
        }
        return String.format(Locale.ROOT, "%.2f s to the first job; jobs: %s; driver between and after jobs %.2f s",
                first / 1e3, String.join(", ", jobs), (endMs - first - inJobs) / 1e3);
    }

    /** The stage's end as this timeline counts it: milliseconds since {@link #attach}. */
    public long elapsedMs() {
        return System.currentTimeMillis() - origin;
    }

    @Override
    public void close() {
        if (sc != null) {
            sc.removeSparkListener(this);
        }
    }
}
