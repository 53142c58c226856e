package org.selfchallenge.env;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Reads bundled data files from the classpath, failing with the resource's name. */
public final class Resources {
    private Resources() {
    }

    /** Root of the bundled benchmark data. */
    public static final String DATA_ROOT = "/org/selfchallenge/data/";

    /**
     * @param path absolute classpath path, e.g. {@code /org/selfchallenge/data/taubench/retail/wiki.md}
     * @throws IllegalStateException if the resource is not on the classpath
     */
    public static String readString(String path) {
        try (InputStream in = Resources.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("missing bundled resource " + path
                        + " (is core's resources folder on the classpath?)");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read bundled resource " + path, e);
        }
    }

    public static boolean exists(String path) {
        return Resources.class.getResource(path) != null;
    }
}
