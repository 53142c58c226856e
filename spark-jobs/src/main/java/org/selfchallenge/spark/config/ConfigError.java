package org.selfchallenge.spark.config;

/** A configuration value is missing, mistyped, unknown or out of range; the message names the key. */
public final class ConfigError extends RuntimeException {
    private final String key;

    public ConfigError(String key, String problem) {
        super("bad configuration: " + key + ": " + problem);
        this.key = key;
    }

    /** The full HOCON path of the offending key, e.g. {@code selfchallenge.solve.samples-per-task}. */
    public String key() {
        return key;
    }
}
