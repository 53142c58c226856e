package org.selfchallenge.spark.dedup;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Round 0's held-out band keys come back as written, and only for the settings they were made with. */
class HeldoutSignaturesTest {
    private static final HeldoutSignatures.Params P = new HeldoutSignatures.Params(3, 1 << 18, 2, 4, -7L);

    @TempDir
    java.nio.file.Path dir;

    private static Bands.Signed signed(String id, String env, int[] features, long... keys) {
        return new Bands.Signed(new Bands.Member(id, env, false, features), keys);
    }

    private Path file() {
        return new Path(dir.resolve(HeldoutSignatures.FILE).toUri());
    }

    private FileSystem fs() throws IOException {
        return FileSystem.getLocal(new Configuration());
    }

    @Test
    void membersComeBackAsHeldOut() throws IOException {
        HeldoutSignatures.write(fs(), file(), P, List.of(signed("r0-a", "retail", new int[]{3, 17, 262_143},
                Long.MIN_VALUE, 42L), signed("r0-b", "calculation", new int[]{}, 0L, -1L)));
        List<Bands.Signed> back = HeldoutSignatures.read(fs(), file(), P);
        assertEquals(2, back.size());
        assertEquals("r0-a", back.get(0).member.id);
        assertEquals("retail", back.get(0).member.env);
        assertTrue(back.get(0).member.heldout && back.get(1).member.heldout);
        assertArrayEquals(new int[]{3, 17, 262_143}, back.get(0).member.features);
        assertArrayEquals(new long[]{Long.MIN_VALUE, 42L}, back.get(0).keys);
        assertArrayEquals(new int[]{}, back.get(1).member.features);
        assertArrayEquals(new long[]{0L, -1L}, back.get(1).keys);
    }

    @Test
    void otherSettingsOrAMissingFileGetNothing() throws IOException {
        assertNull(HeldoutSignatures.read(fs(), file(), P), "no file yet");
        HeldoutSignatures.write(fs(), file(), P, List.of(signed("a", "retail", new int[]{1}, 1L, 2L)));
        for (HeldoutSignatures.Params other : List.of(new HeldoutSignatures.Params(2, 1 << 18, 2, 4, -7L),
                new HeldoutSignatures.Params(3, 1 << 10, 2, 4, -7L), new HeldoutSignatures.Params(3, 1 << 18, 4, 2, -7L),
                new HeldoutSignatures.Params(3, 1 << 18, 2, 5, -7L), new HeldoutSignatures.Params(3, 1 << 18, 2, 4, 7L))) {
            assertNull(HeldoutSignatures.read(fs(), file(), other), other.toString());
        }
    }

    @Test
    void aDamagedFileGetsNothing() throws IOException {
        java.nio.file.Path f = dir.resolve(HeldoutSignatures.FILE);
        for (String text : List.of("{\"version\":1,", "[]",
                "{\"version\":2,\"shingle_words\":3,\"num_features\":262144,\"bands\":2,\"rows_per_band\":4,\"seed\":-7,\"tasks\":[]}",
                // one key for two bands
                "{\"version\":1,\"shingle_words\":3,\"num_features\":262144,\"bands\":2,\"rows_per_band\":4,\"seed\":-7,"
                        + "\"tasks\":[{\"task_id\":\"a\",\"env\":\"retail\",\"features\":[1],\"keys\":[5]}]}")) {
            Files.writeString(f, text, StandardCharsets.UTF_8);
            assertNull(HeldoutSignatures.read(fs(), file(), P), text);
        }
        Files.writeString(f, "{\"version\":1,\"shingle_words\":3,\"num_features\":262144,\"bands\":2,\"rows_per_band\":4,"
                + "\"seed\":-7,\"tasks\":[]}", StandardCharsets.UTF_8);
        assertEquals(List.of(), HeldoutSignatures.read(fs(), file(), P), "a well-formed empty set");
    }
}
