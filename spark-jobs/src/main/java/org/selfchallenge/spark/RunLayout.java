package org.selfchallenge.spark;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

import java.io.IOException;
import java.io.Serializable;
import java.net.URI;

/**
 * Where a run's files live: {@code <out>/round-<r>/<stage>/}. Round 0 holds the held-out task set, the
 * initial policy and its evaluation (the "before any training" point); rounds 1..R hold one
 * self-improvement iteration each. Serializable (a string), so executors can rebuild paths.
 */
public final class RunLayout implements Serializable {
    private static final long serialVersionUID = 1L;
    public static final String SUCCESS = "_SUCCESS";
    public static final String STAGE_JSON = "_stage.json";
    public static final String RESOLVED_CONF = "resolved.conf";
    public static final String METRICS_JSON = "metrics.json";

    private final String root;

    public RunLayout(String out) {
        Path p = new Path(out);
        // Local relative paths become absolute so executors (other working directories) agree.
        if (p.toUri().getScheme() == null && !p.isAbsolute()) {
            p = new Path(new java.io.File(out).getAbsoluteFile().toURI());
        }
        this.root = p.toString();
    }

    public Path root() {
        return new Path(root);
    }

    public Path round(int r) {
        return new Path(root(), "round-" + r);
    }

    public Path stage(int r, String stage) {
        return new Path(round(r), stage);
    }

    /** Hidden name (leading '_') so Spark and Hadoop globbing of committed outputs never see it. */
    public Path tmp(int r, String stage) {
        return new Path(round(r), "_tmp_" + stage);
    }

    public FileSystem fs(Configuration conf) {
        try {
            return FileSystem.get(URI.create(root), conf);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot open filesystem of " + root, e);
        }
    }

    @Override
    public String toString() {
        return root;
    }
}
