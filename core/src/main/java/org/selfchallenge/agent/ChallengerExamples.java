package org.selfchallenge.agent;

/**
 * The one worked CaT example shown to the challenger, per environment
 * ({@code challenger_example_ENV.v1.md}); every example uses records that exist in the shipped data
 * and is checked by the verifier in the tests.
 */
public final class ChallengerExamples {
    private ChallengerExamples() {
    }

    public static String forEnv(String env) {
        return Prompts.load("challenger_example_" + env + ".v1");
    }

    /** The example's CaT text without the prose around it (between the first and last tag). */
    public static String catText(String env) {
        String s = forEnv(env);
        int a = s.indexOf("<instruction>");
        int b = s.lastIndexOf("</failure_case>");
        if (a < 0 || b < 0) throw new IllegalStateException("example for " + env + " has no CaT text");
        return s.substring(a, b + "</failure_case>".length());
    }
}
