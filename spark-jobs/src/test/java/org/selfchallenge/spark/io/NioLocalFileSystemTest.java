package org.selfchallenge.spark.io;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.permission.FsPermission;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The in-process chmod gives the modes Hadoop's own local file system gives, umask included. */
class NioLocalFileSystemTest {
    @TempDir
    java.nio.file.Path dir;
    private FileSystem fs;

    @BeforeEach
    void open() throws IOException {
        Configuration conf = new Configuration();
        conf.set(NioLocalFileSystem.KEY, NioLocalFileSystem.class.getName());
        conf.set("fs.permissions.umask-mode", "022");
        fs = FileSystem.newInstance(dir.toUri(), conf); // not the JVM-wide cached instance
    }

    private String mode(String rel) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve(rel)));
    }

    @Test
    void theKeySelectsIt() {
        assertInstanceOf(NioLocalFileSystem.class, fs);
        assertInstanceOf(NioLocalFileSystem.Raw.class, ((NioLocalFileSystem) fs).getRawFileSystem());
    }

    @Test
    void setPermissionSetsTheMode() throws IOException {
        Files.writeString(dir.resolve("f"), "x");
        fs.setPermission(new Path(dir.resolve("f").toUri()), new FsPermission((short) 0640));
        assertEquals("rw-r-----", mode("f"));
        fs.setPermission(new Path(dir.resolve("f").toUri()), new FsPermission((short) 0705));
        assertEquals("rwx---r-x", mode("f"));
    }

    @Test
    void directoriesAndFilesGetTheirModeLessTheUmask() throws IOException {
        // 0777 & ~022 = 0755, at every level mkdirs creates.
        assertTrue(fs.mkdirs(new Path(dir.resolve("a/b").toUri()), new FsPermission((short) 0777)));
        assertEquals("rwxr-xr-x", mode("a"));
        assertEquals("rwxr-xr-x", mode("a/b"));
        // 0666 & ~022 = 0644; the checksum file beside it too.
        try (FSDataOutputStream out = fs.create(new Path(dir.resolve("a/b/part").toUri()),
                new FsPermission((short) 0666), true, 4096, (short) 1, 1 << 20, null)) {
            out.write("row".getBytes(StandardCharsets.UTF_8));
        }
        assertEquals("rw-r--r--", mode("a/b/part"));
        assertEquals("row", Files.readString(dir.resolve("a/b/part")));
        assertTrue(Files.exists(dir.resolve("a/b/.part.crc")));
    }

    @Test
    void aStickyBitStillGoesToTheShell() throws IOException {
        Files.createDirectory(dir.resolve("shared"));
        fs.setPermission(new Path(dir.resolve("shared").toUri()), new FsPermission((short) 01777));
        assertEquals("rwxrwxrwx", mode("shared"));
        assertTrue(fs.getFileStatus(new Path(dir.resolve("shared").toUri())).getPermission().getStickyBit());
    }
}
