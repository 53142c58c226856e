package org.selfchallenge.cat;

import java.util.List;

/**
 * A parsed Code-as-Task: the challenger's task as code (Zhou et al. 2025, §3).
 *
 * @param instruction        natural-language task (τ-bench: the simulated user's persona and goal)
 * @param evaluationFunction Python source defining {@code def evaluate(): ... -> bool}
 * @param solution           Python code (tool calls) that completes the task
 * @param failureCases       plausible but wrong code; each must make {@code evaluate()} False
 */
public record CodeAsTask(String instruction, String evaluationFunction, String solution, List<String> failureCases) {

    public CodeAsTask {
        failureCases = List.copyOf(failureCases);
    }

    /** The canonical tagged text (what {@link CatParser} reads back to an equal task). */
    public String toText() {
        StringBuilder sb = new StringBuilder();
        sb.append("<instruction>\n").append(instruction).append("\n</instruction>\n");
        sb.append("<evaluation_function>\n").append(evaluationFunction).append("\n</evaluation_function>\n");
        sb.append("<solution>\n").append(solution).append("\n</solution>\n");
        for (String f : failureCases) {
            sb.append("<failure_case>\n").append(f).append("\n</failure_case>\n");
        }
        return sb.toString();
    }
}
