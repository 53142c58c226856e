package org.selfchallenge.spark;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;

/** Starting child JVMs from tests: the test classpath (expanded from surefire's manifest jar) and Spark's JVM flags. */
public final class TestJvm {
    /** Spark's module-opening list (platform notes), as surefire's argLine passes it to this JVM. */
    public static final List<String> OPENS = List.of("-XX:+IgnoreUnrecognizedVMOptions",
            "--add-modules=jdk.incubator.vector",
            "--add-opens=java.base/java.lang=ALL-UNNAMED", "--add-opens=java.base/java.lang.invoke=ALL-UNNAMED",
            "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED", "--add-opens=java.base/java.io=ALL-UNNAMED",
            "--add-opens=java.base/java.net=ALL-UNNAMED", "--add-opens=java.base/java.nio=ALL-UNNAMED",
            "--add-opens=java.base/java.util=ALL-UNNAMED", "--add-opens=java.base/java.util.concurrent=ALL-UNNAMED",
            "--add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED",
            "--add-opens=java.base/jdk.internal.ref=ALL-UNNAMED", "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
            "--add-opens=java.base/sun.nio.cs=ALL-UNNAMED", "--add-opens=java.base/sun.security.action=ALL-UNNAMED",
            "--add-opens=java.base/sun.util.calendar=ALL-UNNAMED",
            "--add-opens=java.security.jgss/sun.security.krb5=ALL-UNNAMED",
            "-Djdk.reflect.useDirectMethodHandle=false", "-Dio.netty.tryReflectionSetAccessible=true");

    private TestJvm() {
    }

    public static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** Every classpath entry of this JVM (surefire's manifest-only jar expanded). */
    public static List<Path> classpath() throws IOException {
        List<Path> out = new ArrayList<>();
        for (String e : System.getProperty("java.class.path").split(File.pathSeparator)) {
            Path p = Path.of(e);
            if (p.getFileName().toString().startsWith("surefire") && p.toString().endsWith(".jar")) {
                try (JarFile jf = new JarFile(p.toFile())) {
                    String cp = jf.getManifest().getMainAttributes().getValue(Attributes.Name.CLASS_PATH);
                    if (cp != null) {
                        for (String u : cp.trim().split("\\s+")) {
                            out.add(Path.of(java.net.URI.create(u)));
                        }
                        continue;
                    }
                }
            }
            out.add(p);
        }
        return out;
    }

    public static String classpathString() throws IOException {
        return String.join(File.pathSeparator, classpath().stream().map(Path::toString).toList());
    }

    /** Packs a classes directory into a jar (executors take jars from $SPARK_HOME/jars). */
    public static Path jar(Path dir, Path jar) throws IOException {
        try (OutputStream os = Files.newOutputStream(jar); JarOutputStream jos = new JarOutputStream(os);
             Stream<Path> files = Files.walk(dir)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                if (Files.isRegularFile(f)) {
                    jos.putNextEntry(new ZipEntry(dir.relativize(f).toString().replace(File.separatorChar, '/')));
                    Files.copy(f, jos);
                    jos.closeEntry();
                }
            }
        }
        return jar;
    }
}
