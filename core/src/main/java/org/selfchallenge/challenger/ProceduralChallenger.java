package org.selfchallenge.challenger;

import org.selfchallenge.env.Environment;
import org.selfchallenge.env.Environments;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

/**
 * The embedded default challenger: a rule-based explorer, a <b>baseline, never the method</b> (the
 * method's challenger is an LLM — {@code agent.ChallengerEpisode}). It exists so the pipeline runs
 * end to end without model weights. Per episode it picks a task family of the environment from the
 * seed, explores real records with read-only tools (recorded as the trace), and writes a Code-as-Task
 * text (instruction, evaluate, solution, failure cases) that goes through the same parser and
 * verifier as model output. Deterministic: same environment and seed, same text.
 */
public final class ProceduralChallenger {
    public static final String ID = "procedural-v1";
    /** Records that don't fit a family (e.g. a user without pending orders) are re-drawn this often. */
    static final int MAX_ATTEMPTS = 24;

    private final Map<String, List<TaskFamily>> families = new LinkedHashMap<>();

    public ProceduralChallenger() {
        register(new RetailCancelPendingOrder());
        register(new RetailReturnDeliveredItem());
        register(new RetailChangeAddress());
        for (TaskFamily f : CalculationFamilies.all()) {
            register(f);
        }
    }

    /**
     * A challenger drawing only from the named families (default and optional ones, e.g. the one-step
     * {@code calculation.reverse_word}) in their environments; environments without a named family keep
     * their defaults; an empty list = the default families. Unknown names fail here.
     */
    public ProceduralChallenger(List<String> familyNames) {
        if (familyNames.isEmpty()) {
            new ProceduralChallenger().families.forEach((env, fs) -> fs.forEach(this::register));
            return;
        }
        Map<String, TaskFamily> known = new LinkedHashMap<>();
        for (List<TaskFamily> fs : new ProceduralChallenger().families.values()) {
            fs.forEach(f -> known.put(f.name(), f));
        }
        CalculationWordFamilies.all().forEach(f -> known.put(f.name(), f));
        for (String n : familyNames) {
            TaskFamily f = known.get(n);
            if (f == null) {
                throw new IllegalArgumentException("unknown procedural task family '" + n + "' (known: " + known.keySet() + ")");
            }
            register(f);
        }
        // Environments none of the named families belong to keep their default families.
        new ProceduralChallenger().families.forEach((env, fs) -> {
            if (!families.containsKey(env)) {
                fs.forEach(this::register);
            }
        });
    }

    /** Names of every family a challenger can be asked for (default and optional). */
    public static List<String> knownFamilies() {
        List<String> names = new ArrayList<>();
        new ProceduralChallenger().families.values().forEach(fs -> fs.forEach(f -> names.add(f.name())));
        CalculationWordFamilies.all().forEach(f -> names.add(f.name()));
        return names;
    }

    private void register(TaskFamily f) {
        families.computeIfAbsent(f.env(), k -> new ArrayList<>()).add(f);
    }

    /** Environments this challenger has families for. */
    public List<String> environments() {
        return List.copyOf(families.keySet());
    }

    public List<TaskFamily> families(String env) {
        return families.getOrDefault(env, List.of());
    }

    /** One episode's output: the CaT text, its family, and the exploration trace (JSON). */
    public record Result(String text, String family, String traceJson) {
    }

    /** SplitMix64 finaliser: z ^= z>>>30; z *= 0xbf58476d1ce4e5b9; z ^= z>>>27; z *= 0x94d049bb133111eb; z ^= z>>>31. */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    public Result challenge(String envName, long seed) {
        List<TaskFamily> fs = families(envName);
        if (fs.isEmpty()) {
            throw new IllegalArgumentException("the procedural challenger has no task families for '" + envName
                    + "' (it has: " + families.keySet() + ")");
        }
        // java.util.Random's first draws are nearly equal for consecutive seeds: scramble first.
        Random rnd = new Random(mix(seed));
        TaskFamily family = fs.get(rnd.nextInt(fs.size()));
        Environment env = Environments.load(envName);
        Explorer ex = new Explorer(env);
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            Optional<CatDraft> d = family.draft(ex, rnd);
            if (d.isPresent()) {
                return new Result(d.get().render(), family.name(), ex.traceJson());
            }
        }
        throw new IllegalStateException(family.name() + ": no suitable records found in " + MAX_ATTEMPTS + " draws (seed " + seed + ")");
    }
}
