package org.selfchallenge.cat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The Code-as-Task format and sandbox conventions as prompt text for the challenger (resource
 * {@code org/selfchallenge/cat/challenger-prompt.md}): tag format, the three checks, how tools are
 * called, what results look like, that tool errors raise ({@code ToolError} for τ-bench "Error: ..."
 * results), and the {@code submit_answer(x)} / {@code final_answer()} convention of answer-based
 * environments. The agent runtime appends it to the challenger's system prompt.
 */
public final class ChallengerPrompt {
    public static final String RESOURCE = "challenger-prompt.md";

    private ChallengerPrompt() {
    }

    /** The conventions text (markdown). */
    public static String conventions() {
        try (InputStream in = ChallengerPrompt.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("resource org/selfchallenge/cat/" + RESOURCE + " missing");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
