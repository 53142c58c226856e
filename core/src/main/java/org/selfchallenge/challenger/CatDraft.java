package org.selfchallenge.challenger;

import java.util.List;

/**
 * A task the procedural challenger wrote, before it is rendered as Code-as-Task text: instruction,
 * evaluation function, example solution, failure cases (each a Python snippet calling the tools).
 */
public record CatDraft(String family, String instruction, String evaluation, String solution, List<String> failureCases) {

    /** The CaT text in the tag format the parser reads (same as the model challenger's output). */
    public String render() {
        StringBuilder b = new StringBuilder();
        b.append("<instruction>\n").append(instruction.strip()).append("\n</instruction>\n");
        b.append("<evaluation_function>\n").append(evaluation.strip()).append("\n</evaluation_function>\n");
        b.append("<solution>\n").append(solution.strip()).append("\n</solution>\n");
        for (String f : failureCases) {
            b.append("<failure_case>\n").append(f.strip()).append("\n</failure_case>\n");
        }
        return b.toString();
    }

    /** A Python string literal (JSON string syntax is valid Python for these texts). */
    public static String py(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                default -> b.append(c);
            }
        }
        return b.append('"').toString();
    }
}
