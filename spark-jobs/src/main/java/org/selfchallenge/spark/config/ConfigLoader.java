package org.selfchallenge.spark.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigRenderOptions;
import com.typesafe.config.ConfigValue;

import java.io.File;
import java.util.Map;
import java.util.Properties;

/**
 * Loads the layered HOCON configuration: packaged defaults ({@code conf/application.conf}, copied into
 * the jar) &lt; an override file &lt; explicit overrides (command-line flags) &lt; {@code -Dselfchallenge.*}
 * JVM properties. Keys that the defaults do not know are rejected (a typo must not silently fall back
 * to a default), then {@link PipelineConfig} checks types and ranges.
 */
public final class ConfigLoader {
    /** Where the build puts {@code conf/application.conf} inside the jar. */
    public static final String DEFAULTS_RESOURCE = "org/selfchallenge/spark/application.conf";

    private ConfigLoader() {
    }

    public static Config defaults() {
        return ConfigFactory.parseResources(ConfigLoader.class.getClassLoader(), DEFAULTS_RESOURCE,
                ConfigParseOptions.defaults().setAllowMissing(false));
    }

    /**
     * @param overrideFile HOCON file or null
     * @param flags        explicit overrides, e.g. {@code selfchallenge.run.out -> "out/x"} (may be empty)
     */
    public static PipelineConfig load(File overrideFile, Map<String, Object> flags) {
        Config defaults = defaults();
        Config file = ConfigFactory.empty();
        if (overrideFile != null) {
            if (!overrideFile.isFile()) {
                throw new ConfigError("--conf", "file not found: " + overrideFile);
            }
            try {
                file = ConfigFactory.parseFile(overrideFile, ConfigParseOptions.defaults().setAllowMissing(false));
            } catch (ConfigException e) {
                throw new ConfigError(String.valueOf(e.origin() == null ? overrideFile : e.origin().description()),
                        e.getMessage());
            }
        }
        Config cli = ConfigFactory.parseMap(flags, "command line");
        Config sys = systemOverrides();
        Config user = sys.withFallback(cli).withFallback(file);
        rejectUnknownKeys(user, defaults);
        Config resolved;
        try {
            resolved = user.withFallback(defaults).resolve();
        } catch (ConfigException e) {
            throw new ConfigError(e.origin() == null ? "?" : e.origin().description(), e.getMessage());
        }
        return PipelineConfig.from(resolved);
    }

    /** Only {@code -Dselfchallenge.*}: the JVM's other properties are not our configuration. */
    static Config systemOverrides() {
        Properties props = new Properties();
        for (String name : System.getProperties().stringPropertyNames()) {
            if (name.startsWith(PipelineConfig.ROOT + ".")) {
                props.setProperty(name, System.getProperty(name));
            }
        }
        return ConfigFactory.parseProperties(props,
                ConfigParseOptions.defaults().setOriginDescription("system properties"));
    }

    static void rejectUnknownKeys(Config user, Config defaults) {
        for (Map.Entry<String, ConfigValue> e : user.entrySet()) {
            String key = e.getKey();
            if (!key.startsWith(PipelineConfig.ROOT + ".")) {
                throw new ConfigError(key, "unknown key (everything lives under '" + PipelineConfig.ROOT + "')");
            }
            if (!defaults.hasPathOrNull(key) && !underOpenObject(key, defaults)) {
                throw new ConfigError(key, "unknown key (not in conf/application.conf)");
            }
        }
    }

    /** Keys below a default that is an empty object are free-form (none today). */
    private static boolean underOpenObject(String key, Config defaults) {
        int dot = key.lastIndexOf('.');
        while (dot > 0) {
            String parent = key.substring(0, dot);
            if (defaults.hasPath(parent)) {
                return defaults.getValue(parent).valueType() == com.typesafe.config.ConfigValueType.OBJECT
                        && defaults.getConfig(parent).isEmpty();
            }
            dot = parent.lastIndexOf('.');
        }
        return false;
    }

    public static String render(Config c) {
        return c.root().render(ConfigRenderOptions.defaults().setOriginComments(false).setJson(false));
    }
}
