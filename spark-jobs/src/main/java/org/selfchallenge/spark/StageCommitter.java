package org.selfchallenge.spark;

import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Set;

/**
 * Stage outputs that are either committed or ignored. A stage writes everything under a temporary
 * directory; {@link #commit} writes the stage's own metrics, renames the directory into place (atomic on
 * HDFS and local filesystems) and only then creates {@code _SUCCESS}. A stage is committed iff its
 * {@code _SUCCESS} exists, so a crash at any point leaves either nothing visible or a directory without
 * the marker, which the next attempt removes and redoes.
 *
 * <p>On object stores ({@link #COPYING_RENAME}) a rename copies every object and is not atomic either,
 * so there a stage writes straight into its directory ({@link #direct}) and {@code _SUCCESS} alone
 * marks it complete: the same guarantee without copying the outputs once more.
 */
public final class StageCommitter {
    /** Filesystem schemes whose directory rename copies each object (S3A, GCS, OSS, COS, OBS). */
    public static final Set<String> COPYING_RENAME = Set.of("s3a", "s3", "gs", "oss", "cosn", "obs");

    private final FileSystem fs;
    private final boolean direct;

    /** Direct writes on {@link #COPYING_RENAME} stores, temporary directory + rename elsewhere. */
    public StageCommitter(FileSystem fs) {
        this(fs, COPYING_RENAME.contains(fs.getScheme()));
    }

    StageCommitter(FileSystem fs, boolean direct) {
        this.fs = fs;
        this.direct = direct;
    }

    /** Whether stages write straight into their directories (no temporary directory, no rename). */
    public boolean direct() {
        return direct;
    }

    public boolean isCommitted(Path stageDir) throws IOException {
        return fs.exists(new Path(stageDir, RunLayout.SUCCESS));
    }

    /**
     * Clears leftovers of an earlier failed attempt and returns the fresh directory the stage writes to:
     * {@code tmp}, or {@code stageDir} itself when {@link #direct}.
     */
    public Path begin(Path stageDir, Path tmp) throws IOException {
        if (fs.exists(stageDir) && !isCommitted(stageDir)) {
            fs.delete(stageDir, true);
        }
        if (fs.exists(tmp)) {
            fs.delete(tmp, true);
        }
        Path out = direct ? stageDir : tmp;
        fs.mkdirs(out);
        return out;
    }

    /** Commits what the stage wrote to {@code written} (from {@link #begin}) as {@code stageDir}. */
    public void commit(Path written, Path stageDir, String stageJson) throws IOException {
        write(new Path(written, RunLayout.STAGE_JSON), stageJson);
        if (!written.equals(stageDir)) {
            fs.mkdirs(stageDir.getParent());
            if (!fs.rename(written, stageDir)) {
                throw new IOException("could not rename " + written + " to " + stageDir);
            }
        }
        fs.create(new Path(stageDir, RunLayout.SUCCESS), true).close();
    }

    public String readStageJson(Path stageDir) throws IOException {
        try (var in = fs.open(new Path(stageDir, RunLayout.STAGE_JSON))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    public void write(Path p, String text) throws IOException {
        try (FSDataOutputStream out = fs.create(p, true)) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        }
    }
}
