package org.selfchallenge.spark.component;

/** Runs one challenger episode in an environment and returns the raw Code-as-Task text it wrote. */
public interface TaskChallenger {

    /** Id and version of the challenger (recorded as lineage). */
    String id();

    /**
     * @param env     environment name
     * @param episode the episode's index in its seed range (held-out episodes start at the offset)
     * @param seed    the episode seed (every random choice of the episode derives from it)
     */
    ChallengeOutput challenge(String env, long episode, long seed);

    /** @param text raw CaT text; @param trace JSON list of exploration steps (tool, arguments, result) */
    record ChallengeOutput(String text, String trace) {
    }
}
