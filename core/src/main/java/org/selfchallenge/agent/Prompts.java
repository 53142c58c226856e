package org.selfchallenge.agent;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Prompt texts, one versioned resource file per prompt:
 * {@code org/selfchallenge/agent/prompts/NAME.vN.md}. A prompt change is a new file, so trajectories
 * can record exactly which text they were produced with. {@code {{key}}} placeholders are filled by
 * {@link #fill}.
 */
public final class Prompts {
    private static final String DIR = "/org/selfchallenge/agent/prompts/";
    private static final Map<String, String> CACHE = new ConcurrentHashMap<>();

    private Prompts() {
    }

    /** Text of {@code NAME.vN} (e.g. {@code executor.v1}). */
    public static String load(String versionedName) {
        return CACHE.computeIfAbsent(versionedName, n -> {
            try (InputStream in = Prompts.class.getResourceAsStream(DIR + n + ".md")) {
                if (in == null) throw new IllegalArgumentException("no prompt resource " + DIR + n + ".md");
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new IllegalStateException("cannot read prompt " + n, e);
            }
        });
    }

    /** Replaces each {@code {{key}}}; a placeholder left unfilled is a programming error. */
    public static String fill(String template, Map<String, String> values) {
        String out = template;
        for (Map.Entry<String, String> e : values.entrySet()) out = out.replace("{{" + e.getKey() + "}}", e.getValue());
        int open = out.indexOf("{{");
        if (open >= 0 && out.indexOf("}}", open) > 0) {
            String key = out.substring(open, out.indexOf("}}", open) + 2);
            if (key.matches("\\{\\{[a-z_]+}}")) throw new IllegalArgumentException("prompt placeholder not filled: " + key);
        }
        return out;
    }
}
