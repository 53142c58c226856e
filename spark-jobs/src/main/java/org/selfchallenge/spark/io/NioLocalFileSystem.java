package org.selfchallenge.spark.io;

import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.apache.hadoop.fs.permission.FsPermission;
import org.apache.hadoop.io.nativeio.NativeIO;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Hadoop's local file system ({@code file://}, with its checksum files), except that permissions are set
 * through {@code java.nio} instead of a {@code chmod} child process.
 *
 * <p>Why: without Hadoop's native library (not on Maven Central, so not here) {@link RawLocalFileSystem}
 * runs {@code chmod} for every directory it creates and every file it creates with a permission. A Spark
 * write makes a dozen or more (job and task attempt directories, partition directories, part files), so
 * on a local run each stage waited on tens of process starts (~0.1 s per small write job on 2 cores).
 * The modes set are the same; only a sticky bit, which {@code java.nio} cannot express, still goes to the
 * shell. {@code run.sh}'s local sessions use it ({@value #KEY}); a cluster keeps its own file systems.
 */
public final class NioLocalFileSystem extends LocalFileSystem {
    /** The Hadoop key that selects the {@code file://} implementation. */
    public static final String KEY = "fs.file.impl";

    public NioLocalFileSystem() {
        super(new Raw());
    }

    /** The raw local file system with {@link #setPermission} in-process. */
    public static final class Raw extends RawLocalFileSystem {
        @Override
        public void setPermission(Path p, FsPermission permission) throws IOException {
            if (NativeIO.isAvailable() || permission.getStickyBit()) {
                super.setPermission(p, permission);
                return;
            }
            String mode = permission.getUserAction().SYMBOL + permission.getGroupAction().SYMBOL
                    + permission.getOtherAction().SYMBOL;
            try {
                Files.setPosixFilePermissions(pathToFile(p).toPath(), PosixFilePermissions.fromString(mode));
            } catch (UnsupportedOperationException e) { // not a POSIX file system (Windows)
                super.setPermission(p, permission);
            }
        }
    }
}
