package org.selfchallenge.spark.perf;

import org.apache.spark.scheduler.JobSucceeded$;
import org.apache.spark.scheduler.SparkListenerJobEnd;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.scheduler.StageInfo;
import org.junit.jupiter.api.Test;
import org.selfchallenge.spark.SharedSparkSession;
import scala.jdk.javaapi.CollectionConverters;

import java.util.List;
import java.util.Properties;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The driver's time around a stage's jobs, from job events. */
class JobTimelineTest extends SharedSparkSession {
    private static final long T0 = 1_000_000L;

    private static SparkListenerJobStart start(int job, long at) {
        return new SparkListenerJobStart(job, T0 + at,
                CollectionConverters.asScala(List.<StageInfo>of()).toSeq(), new Properties());
    }

    private static SparkListenerJobEnd end(int job, long at) {
        return new SparkListenerJobEnd(job, T0 + at, JobSucceeded$.MODULE$);
    }

    @Test
    void driverTimeIsWhatTheJobsDoNotCover() throws InterruptedException {
        JobTimeline t = new JobTimeline(null, T0);
        t.onJobStart(start(0, 100));
        t.onJobEnd(end(0, 1100));
        t.onJobStart(start(1, 1300));
        t.onJobEnd(end(1, 1400));
        // 1,500 ms in all: 100 before job 0, 1,000 + 100 in jobs, 200 between them and 100 after: 300 driver.
        assertEquals("0.10 s to the first job; jobs: job 0 1.00 s, job 1 0.10 s; driver between and after jobs 0.30 s",
                t.summary(1500));
    }

    @Test
    void aStageWithoutJobsIsAllDriver() throws InterruptedException {
        assertEquals("no Spark jobs; driver 0.25 s", new JobTimeline(null, T0).summary(250));
    }

    @Test
    void realJobsAreNamedByTheirCallSite() throws InterruptedException {
        String s;
        try (JobTimeline t = JobTimeline.attach(spark().sparkContext())) {
            spark().range(10).collectAsList(); // no aggregate: a query with a shuffle runs a job per stage
            spark().range(5).toJavaRDD().count();
            s = t.summary(t.elapsedMs());
        }
        assertTrue(Pattern.matches("\\d+\\.\\d\\d s to the first job; jobs: collectAsList at JobTimelineTest\\.java:\\d+ "
                + "\\d+\\.\\d\\d s, count at JobTimelineTest\\.java:\\d+ \\d+\\.\\d\\d s; "
                + "driver between and after jobs \\d+\\.\\d\\d s", s), s);
    }
}
