package org.selfchallenge.spark.io;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.Comparator;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * Policy checkpoints live with the run (any Hadoop FileSystem); TensorFlow needs local files. This
 * copies a directory once per JVM into a local temporary directory and reuses it for every task. A
 * copy is deleted when its policy is closed ({@link #evict}) and, at the latest, when the JVM exits:
 * every round makes a new one, as large as the checkpoint.
 */
public final class LocalCopies {
    static final String PREFIX = "selfchallenge-policy-";
    private static final ConcurrentHashMap<String, java.nio.file.Path> CACHE = new ConcurrentHashMap<>();
    private static final ConcurrentHashMap<java.nio.file.Path, String> SOURCES = new ConcurrentHashMap<>();

    static {
        // File.deleteOnExit cannot remove a non-empty directory; this can.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> CACHE.values().forEach(LocalCopies::deleteCopy),
                "selfchallenge-local-copies-cleanup"));
    }

    private LocalCopies() {
    }

    public static java.nio.file.Path of(String uri, Configuration conf) {
        return CACHE.computeIfAbsent(uri, u -> {
            try {
                Path src = new Path(u);
                FileSystem fs = src.getFileSystem(conf);
                java.nio.file.Path dst = Files.createTempDirectory(PREFIX);
                fs.copyToLocalFile(false, src, new Path(dst.toUri()), true);
                // copyToLocalFile puts the directory itself inside dst.
                java.nio.file.Path local = dst.resolve(src.getName());
                SOURCES.put(local, u);
                return local;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot copy " + u + " to local disk", e);
            }
        });
    }

    /** Deletes the local copy {@code local} (made by {@link #of}); the next {@link #of} copies again. */
    public static void evict(java.nio.file.Path local) {
        String uri = SOURCES.remove(local);
        if (uri != null && CACHE.remove(uri, local)) {
            deleteCopy(local);
        }
    }

    /** A copy sits in its own temporary directory, which goes with it. */
    private static void deleteCopy(java.nio.file.Path local) {
        deleteRecursively(local.getParent() != null && local.getParent().getFileName().toString().startsWith(PREFIX)
                ? local.getParent() : local);
    }

    /**
     * Where a local copy came from (what lineage should name: the copy's own path is a new temporary
     * directory in every JVM); a path that is not a copy names itself.
     */
    public static String source(java.nio.file.Path local) {
        return SOURCES.getOrDefault(local, local.toAbsolutePath().normalize().toString());
    }

    /** Uploads a local directory's contents to {@code dst} (created). */
    public static void upload(java.nio.file.Path src, Path dst, Configuration conf) throws IOException {
        FileSystem fs = dst.getFileSystem(conf);
        fs.mkdirs(dst);
        try (Stream<java.nio.file.Path> files = Files.list(src)) {
            for (java.nio.file.Path f : (Iterable<java.nio.file.Path>) files::iterator) {
                fs.copyFromLocalFile(false, true, new Path(f.toUri()), new Path(dst, f.getFileName().toString()));
            }
        }
    }

    public static void deleteRecursively(java.nio.file.Path p) {
        if (p == null || !Files.exists(p)) {
            return;
        }
        try (Stream<java.nio.file.Path> s = Files.walk(p)) {
            s.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
