package org.selfchallenge.spark;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StageCommitterTest {
    @TempDir
    java.nio.file.Path dir;

    @Test
    void commitIsRenamePlusMarkerAndLeftoversAreCleared() throws Exception {
        RunLayout layout = new RunLayout(dir.toString());
        FileSystem fs = layout.fs(new Configuration());
        StageCommitter c = new StageCommitter(fs);
        Path stage = layout.stage(1, "solve");
        Path tmp = c.begin(stage, layout.tmp(1, "solve"));
        c.write(new Path(tmp, "a.txt"), "hello");
        assertFalse(c.isCommitted(stage));
        c.commit(tmp, stage, "{\"n\":1}");
        assertTrue(c.isCommitted(stage));
        assertFalse(fs.exists(tmp));
        assertEquals("hello", Files.readString(dir.resolve("round-1/solve/a.txt")));
        assertEquals("{\"n\":1}", c.readStageJson(stage));

        // A crash after the rename but before _SUCCESS: the next attempt starts clean.
        fs.delete(new Path(stage, RunLayout.SUCCESS), false);
        Path tmp2 = c.begin(stage, layout.tmp(1, "solve"));
        assertFalse(fs.exists(stage));
        assertEquals(0, fs.listStatus(tmp2).length);
    }

    @Test
    void onObjectStoresAStageWritesInPlaceAndOnlyTheMarkerCommitsIt() throws Exception {
        RunLayout layout = new RunLayout(dir.toString());
        FileSystem fs = layout.fs(new Configuration());
        assertFalse(new StageCommitter(fs).direct(), "file: renames atomically");
        StageCommitter c = new StageCommitter(fs, true);
        Path stage = layout.stage(1, "solve");
        Path out = c.begin(stage, layout.tmp(1, "solve"));
        assertEquals(stage, out);
        c.write(new Path(out, "a.txt"), "hello");
        assertFalse(c.isCommitted(stage));
        c.commit(out, stage, "{\"n\":1}");
        assertTrue(c.isCommitted(stage));
        assertFalse(fs.exists(layout.tmp(1, "solve")));
        assertEquals("hello", Files.readString(dir.resolve("round-1/solve/a.txt")));
        assertEquals("{\"n\":1}", c.readStageJson(stage));

        // A crash before _SUCCESS: the next attempt clears the partial directory.
        fs.delete(new Path(stage, RunLayout.SUCCESS), false);
        Path again = c.begin(stage, layout.tmp(1, "solve"));
        assertEquals(0, fs.listStatus(again).length);
    }

    @Test
    void relativeOutputBecomesAbsolute() {
        RunLayout l = new RunLayout("out/x");
        assertTrue(l.root().toUri().getPath().startsWith("/"));
        assertEquals("round-2", l.round(2).getName());
        assertEquals("_tmp_train", l.tmp(2, "train").getName());
    }
}
