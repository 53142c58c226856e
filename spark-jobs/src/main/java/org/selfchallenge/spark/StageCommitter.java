package org.selfchallenge.spark;

import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Atomic stage outputs. A stage writes everything under a temporary directory; {@link #commit} writes
 * the stage's own metrics, renames the directory into place (atomic on HDFS and local filesystems, a
 * copy per object on S3) and only then creates {@code _SUCCESS}. A stage is committed iff its
 * {@code _SUCCESS} exists, so a crash at any point leaves either nothing visible or a directory without
 * the marker, which the next attempt removes and redoes.
 */
public final class StageCommitter {
    private final FileSystem fs;

    public StageCommitter(FileSystem fs) {
        this.fs = fs;
    }

    public boolean isCommitted(Path stageDir) throws IOException {
        return fs.exists(new Path(stageDir, RunLayout.SUCCESS));
    }

    /** Clears leftovers of an earlier failed attempt and returns a fresh temporary directory. */
    public Path begin(Path stageDir, Path tmp) throws IOException {
        if (fs.exists(stageDir) && !isCommitted(stageDir)) {
            fs.delete(stageDir, true);
        }
        if (fs.exists(tmp)) {
            fs.delete(tmp, true);
        }
        fs.mkdirs(tmp);
        return tmp;
    }

    public void commit(Path tmp, Path stageDir, String stageJson) throws IOException {
        write(new Path(tmp, RunLayout.STAGE_JSON), stageJson);
        fs.mkdirs(stageDir.getParent());
        if (!fs.rename(tmp, stageDir)) {
            throw new IOException("could not rename " + tmp + " to " + stageDir);
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
