package org.selfchallenge.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * {@code --key value} command-line options with a fixed set of allowed keys. Problems raise
 * {@link BadArgs}, which the CLIs turn into exit code 2 and a usage line.
 */
public final class CliArgs {
    /** A usage error. */
    public static final class BadArgs extends RuntimeException {
        public BadArgs(String message) {
            super(message);
        }
    }

    private final Map<String, String> values = new LinkedHashMap<>();

    public CliArgs(String[] args, Set<String> allowed) {
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (!a.startsWith("--")) throw new BadArgs("unexpected argument '" + a + "'");
            String key = a.substring(2);
            String val = null;
            int eq = key.indexOf('=');
            if (eq >= 0) {
                val = key.substring(eq + 1);
                key = key.substring(0, eq);
            }
            if (!allowed.contains(key)) throw new BadArgs("unknown option --" + key);
            if (val == null) {
                if (i + 1 >= args.length || args[i + 1].startsWith("--")) throw new BadArgs("--" + key + " needs a value");
                val = args[++i];
            }
            if (values.put(key, val) != null) throw new BadArgs("--" + key + " given twice");
        }
    }

    public String get(String key, String def) {
        return values.getOrDefault(key, def);
    }

    public String required(String key) {
        String v = values.get(key);
        if (v == null || v.isBlank()) throw new BadArgs("--" + key + " is required");
        return v;
    }

    public boolean has(String key) {
        return values.containsKey(key);
    }

    public int intValue(String key, int def, int min) {
        String v = values.get(key);
        if (v == null) return def;
        try {
            int x = Integer.parseInt(v);
            if (x < min) throw new BadArgs("--" + key + " must be >= " + min + ", got " + v);
            return x;
        } catch (NumberFormatException e) {
            throw new BadArgs("--" + key + " must be an integer, got '" + v + "'");
        }
    }

    public long longValue(String key, long def) {
        String v = values.get(key);
        try {
            return v == null ? def : Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw new BadArgs("--" + key + " must be an integer, got '" + v + "'");
        }
    }

    public double doubleValue(String key, double def) {
        String v = values.get(key);
        try {
            return v == null ? def : Double.parseDouble(v);
        } catch (NumberFormatException e) {
            throw new BadArgs("--" + key + " must be a number, got '" + v + "'");
        }
    }
}
