package org.selfchallenge.spark;

import org.apache.spark.sql.SparkSession;
import org.selfchallenge.spark.io.KryoRecords;
import org.selfchallenge.spark.io.NioLocalFileSystem;

/**
 * One {@code local[2]} SparkSession per test JVM (the first costs ~10 s, later uses are free); tests
 * extend this and call {@link #spark()}. Bound to 127.0.0.1 so tests never depend on the host's
 * network interfaces, and with the local file system {@code run.sh}'s sessions use. Never stopped: the
 * JVM's exit ends it.
 */
public abstract class SharedSparkSession {
    private static SparkSession session;

    protected static synchronized SparkSession spark() {
        if (session == null) {
            session = SparkSession.builder()
                    .master("local[2]")
                    .appName("selfchallenge-tests")
                    .config("spark.driver.host", "127.0.0.1")
                    .config("spark.driver.bindAddress", "127.0.0.1")
                    .config("spark.ui.enabled", "false")
                    .config("spark.ui.showConsoleProgress", "false")
                    .config("spark.sql.shuffle.partitions", "4")
                    .config("spark.serializer", "org.apache.spark.serializer.KryoSerializer")
                    .config("spark.kryo.registrator", KryoRecords.class.getName())
                    .config("spark.hadoop." + NioLocalFileSystem.KEY, NioLocalFileSystem.class.getName())
                    .getOrCreate();
        }
        return session;
    }
}
