package org.selfchallenge.spark.io;

import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.selfchallenge.spark.TestJvm;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LocalCopiesTest {
    @TempDir
    Path dir;

    private String checkpoint() throws Exception {
        Path ckpt = Files.createDirectories(dir.resolve("round-1/train/checkpoint"));
        Files.writeString(ckpt.resolve("config.json"), "{}");
        return ckpt.toUri().toString();
    }

    @Test
    void aCopyKnowsWhereItCameFromSoLineageNamesTheCheckpointNotTheCopy() throws Exception {
        String uri = checkpoint();
        Path local = LocalCopies.of(uri, new Configuration());
        assertNotEquals(dir.resolve("round-1/train/checkpoint"), local);
        assertEquals("{}", Files.readString(local.resolve("config.json")));
        assertSame(local, LocalCopies.of(uri, new Configuration()), "copied once per JVM");
        assertEquals(uri, LocalCopies.source(local));
        assertEquals(dir.toAbsolutePath().normalize().toString(), LocalCopies.source(dir));
        LocalCopies.evict(local);
    }

    @Test
    void anEvictedCopyIsDeletedWithItsTemporaryDirectoryAndCopiedAgainWhenAskedFor() throws Exception {
        String uri = checkpoint();
        Path local = LocalCopies.of(uri, new Configuration());
        LocalCopies.evict(local);
        assertFalse(Files.exists(local.getParent()), "temporary directory left behind");
        assertEquals(local.toAbsolutePath().normalize().toString(), LocalCopies.source(local));
        Path again = LocalCopies.of(uri, new Configuration());
        assertNotEquals(local, again);
        assertEquals("{}", Files.readString(again.resolve("config.json")));
        LocalCopies.evict(again);
        LocalCopies.evict(again); // a second eviction is a no-op
    }

    /** Makes a copy and exits without evicting it: the JVM's shutdown must delete it. */
    public static void main(String[] args) {
        System.out.println(LocalCopies.of(args[0], new Configuration()));
    }

    @Test
    void copiesAreDeletedWhenTheJvmExits() throws Exception {
        Process p = new ProcessBuilder(TestJvm.java(), "-cp", TestJvm.classpathString(), LocalCopiesTest.class.getName(),
                checkpoint()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String local = new String(p.getInputStream().readAllBytes()).strip();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue());
        assertTrue(local.contains(LocalCopies.PREFIX), local);
        assertFalse(Files.exists(Path.of(local).getParent()), "copy left behind by an exited JVM: " + local);
    }
}
