package org.selfchallenge.spark;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.selfchallenge.spark.cli.PipelineCli;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Airflow DAG compiles and submits the classes and jar this build really produces. */
class AirflowDagTest {

    static Path repoRoot() {
        Path p = Path.of("").toAbsolutePath();
        while (p != null && !Files.isDirectory(p.resolve("airflow"))) {
            p = p.getParent();
        }
        assertTrue(p != null, "airflow/ not found");
        return p;
    }

    @Test
    void dagCompilesAndNamesTheRealMainClassAndJar() throws Exception {
        Path dag = repoRoot().resolve("airflow/selfchallenge_dag.py");
        Process p = new ProcessBuilder("python3", "-m", "py_compile", dag.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out);

        String src = Files.readString(dag);
        Matcher main = Pattern.compile("MAIN_CLASS = \"([^\"]+)\"").matcher(src);
        assertTrue(main.find());
        Class<?> cls = Class.forName(main.group(1));
        assertEquals(PipelineCli.class, cls);
        cls.getMethod("main", String[].class);

        Matcher jar = Pattern.compile("default_var=\"(spark-jobs/target/[^\"]+\\.jar)\"").matcher(src);
        assertTrue(jar.find());
        String pom = Files.readString(repoRoot().resolve("spark-jobs/pom.xml"));
        String parent = Files.readString(repoRoot().resolve("pom.xml"));
        Matcher artifact = Pattern.compile("<artifactId>(selfchallenge-spark-jobs)</artifactId>").matcher(pom);
        Matcher version = Pattern.compile("<version>([^<]+)</version>").matcher(parent);
        assertTrue(artifact.find() && version.find());
        assertEquals("spark-jobs/target/" + artifact.group(1) + "-" + version.group(1) + ".jar", jar.group(1));
        assertTrue(src.contains("SparkSubmitOperator("));
        for (String stage : new String[]{"challenge", "verify", "init", "solve", "train", "evaluate"}) {
            assertTrue(src.contains("\"" + stage + "\""), stage);
        }
    }
}
