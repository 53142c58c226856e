package org.selfchallenge.policy.io;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.selfchallenge.policy.config.LlamaConfig;
import org.selfchallenge.policy.model.RandomInit;
import org.selfchallenge.policy.TinyCheckpoints;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A base checkpoint by reference: which files, their digests, where to find them, and what is refused. */
class BaseReferenceTest {
    /** SHA-256("abc"), the FIPS 180-2 example. */
    private static final String SHA256_ABC = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";

    @TempDir
    Path dir;

    @Test
    void digestIsSizeAndSha256() throws IOException {
        Path f = Files.writeString(dir.resolve("abc"), "abc");
        assertEquals(new BaseReference.Digest(3, SHA256_ABC), BaseReference.digest(f));
    }

    @Test
    void aShardedCheckpointIsItsIndexAndShards() throws IOException {
        LlamaConfig c = LlamaConfig.parse(TinyCheckpoints.config(64, 16, 2, 2, 1, false));
        Path ck = dir.resolve("sharded");
        // 2 KB shards: the tiny model's tensors spread over several files
        HfCheckpoint.write(ck, c, RandomInit.weights(c, 1, 0.1).values(), DType.F32, 2048, null);
        TreeSet<String> files = BaseReference.weightFiles(ck);
        assertTrue(files.contains(HfCheckpoint.INDEX), files.toString());
        try (var s = Files.list(ck)) {
            long shards = s.filter(p -> p.getFileName().toString().matches("model-\\d{5}-of-\\d{5}\\.safetensors")).count();
            assertTrue(shards > 1, "shards: " + shards);
            assertEquals(shards + 1, files.size());
        }
        BaseReference ref = BaseReference.of("/somewhere/base", ck);
        ref.write(dir);
        assertEquals(ref, BaseReference.read(dir));
        ref.verify(ck);
    }

    @Test
    void aCheckpointWithoutWeightsIsNotABase() {
        IOException e = assertThrows(IOException.class, () -> BaseReference.of("x", dir));
        assertTrue(e.getMessage().contains("neither model.safetensors nor"), e.getMessage());
    }

    @Test
    void locationsResolveToLocalDirectoriesOnly() throws IOException {
        Map<String, BaseReference.Digest> f = Map.of(HfCheckpoint.SINGLE, new BaseReference.Digest(3, SHA256_ABC));
        assertEquals(Path.of("/runs/r/round-0/init/policy"),
                new BaseReference("/runs/r/round-0/init/policy", f).resolve(null));
        assertEquals(Path.of("/runs/r/policy"), new BaseReference("file:/runs/r/policy", f).resolve(null));
        assertEquals(Path.of("relative/base"), new BaseReference("relative/base", f).resolve(null));
        assertEquals(Path.of("/runs/my run/policy"), new BaseReference("file:/runs/my run/policy", f).resolve(null),
                "as Hadoop prints a path: spaces not escaped");
        BaseReference remote = new BaseReference("hdfs://nn:8020/runs/r/round-1/train/checkpoint", f);
        IOException e = assertThrows(IOException.class, () -> remote.resolve(null));
        assertTrue(e.getMessage().contains("hdfs://nn:8020/runs/r/round-1/train/checkpoint"), e.getMessage());
        assertTrue(e.getMessage().contains("copy it to a local directory"), e.getMessage());
        assertEquals(dir, remote.resolve(dir), "a given local copy wins");
    }

    @Test
    void verifyRefusesAChangedMissingOrEscapingFile() throws IOException {
        Files.writeString(dir.resolve(HfCheckpoint.SINGLE), "abc");
        BaseReference ref = BaseReference.of("/base", dir);
        assertEquals(Map.of(HfCheckpoint.SINGLE, new BaseReference.Digest(3, SHA256_ABC)), ref.files());
        ref.verify(dir);

        Files.writeString(dir.resolve(HfCheckpoint.SINGLE), "abd"); // same size, other bytes
        IOException e = assertThrows(IOException.class, () -> ref.verify(dir));
        assertTrue(e.getMessage().contains("not the one the checkpoint was trained on (/base)"), e.getMessage());
        assertTrue(e.getMessage().contains("expected 3 bytes, SHA-256 " + SHA256_ABC), e.getMessage());

        Files.writeString(dir.resolve(HfCheckpoint.SINGLE), "abcd");
        e = assertThrows(IOException.class, () -> ref.verify(dir));
        assertTrue(e.getMessage().contains(": 4 bytes; expected 3 bytes"), e.getMessage());

        Files.delete(dir.resolve(HfCheckpoint.SINGLE));
        e = assertThrows(IOException.class, () -> ref.verify(dir));
        assertTrue(e.getMessage().contains("is missing"), e.getMessage());

        BaseReference escaping = new BaseReference("/base", Map.of("../model.safetensors",
                new BaseReference.Digest(3, SHA256_ABC)));
        e = assertThrows(IOException.class, () -> escaping.verify(dir));
        assertTrue(e.getMessage().contains("escapes the base directory"), e.getMessage());
    }

    @Test
    void aMalformedReferenceNamesWhatIsMissing() throws IOException {
        assertNull(BaseReference.read(dir), "no base_model.json: the checkpoint holds its base");
        Files.writeString(dir.resolve(BaseReference.FILE), "{\"format\": 1, \"location\": \"/b\", \"files\": {}}");
        IOException e = assertThrows(IOException.class, () -> BaseReference.read(dir));
        assertTrue(e.getMessage().contains("non-empty files object"), e.getMessage());
        Files.writeString(dir.resolve(BaseReference.FILE),
                "{\"format\": 1, \"location\": \"/b\", \"files\": {\"model.safetensors\": {\"bytes\": 3}}}");
        e = assertThrows(IOException.class, () -> BaseReference.read(dir));
        assertTrue(e.getMessage().contains("file model.safetensors needs bytes and sha256"), e.getMessage());
    }
}
