package org.selfchallenge.spark.io;

import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

class LocalCopiesTest {
    @TempDir
    Path dir;

    @Test
    void aCopyKnowsWhereItCameFromSoLineageNamesTheCheckpointNotTheCopy() throws Exception {
        Path ckpt = Files.createDirectories(dir.resolve("round-1/train/checkpoint"));
        Files.writeString(ckpt.resolve("config.json"), "{}");
        String uri = ckpt.toUri().toString();
        Path local = LocalCopies.of(uri, new Configuration());
        assertNotEquals(ckpt, local);
        assertEquals("{}", Files.readString(local.resolve("config.json")));
        assertSame(local, LocalCopies.of(uri, new Configuration()), "copied once per JVM");
        assertEquals(uri, LocalCopies.source(local));
        assertEquals(dir.toAbsolutePath().normalize().toString(), LocalCopies.source(dir));
        LocalCopies.deleteRecursively(local.getParent());
    }
}
