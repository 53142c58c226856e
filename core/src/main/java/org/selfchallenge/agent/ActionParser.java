package org.selfchallenge.agent;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the action protocol out of a policy reply (prompt {@code executor.v1}):
 * <ul>
 *   <li>a fenced block opened with {@code ```python} (also {@code ```py}, {@code ```python3}) is a code
 *       action; only the first block runs, as τ-bench uses only the first tool call of a reply;</li>
 *   <li>otherwise the reply is a message; its answer is the text after the first {@code Answer:}
 *       (M3ToolEval's convention) or the whole stripped message;</li>
 *   <li>an empty reply, an unclosed code fence, an empty code block, or a reply holding both a code
 *       block and {@code Answer:} is malformed — an observation telling the policy why.</li>
 * </ul>
 */
public final class ActionParser {
    static final String ANSWER = "Answer:";
    private static final Pattern OPEN = Pattern.compile("```[ \\t]*(?:python3?|py)[ \\t]*\\r?\\n", Pattern.CASE_INSENSITIVE);
    private static final Pattern CLOSE = Pattern.compile("(?m)^[ \\t]*```");

    private ActionParser() {
    }

    public static Action parse(String reply) {
        if (reply == null || reply.isBlank()) {
            return new Action.Malformed("Your reply was empty. Write a ```python code block to act, or a message.");
        }
        Matcher open = OPEN.matcher(reply);
        if (open.find()) {
            Matcher close = CLOSE.matcher(reply);
            if (!close.find(open.end())) {
                return new Action.Malformed("Your code block was not closed with ```; nothing was run.");
            }
            String code = reply.substring(open.end(), close.start());
            if (code.isBlank()) return new Action.Malformed("Your code block was empty; nothing was run.");
            String before = reply.substring(0, open.start());
            if (before.contains(ANSWER)) {
                return new Action.Malformed("Your reply contained both code and 'Answer:'. Send either a code block"
                        + " or a message, not both; nothing was run.");
            }
            boolean more = OPEN.matcher(reply).region(close.end(), reply.length()).find();
            return new Action.Code(code, more);
        }
        String text = reply.strip();
        int a = text.indexOf(ANSWER);
        String answer = a >= 0 ? text.substring(a + ANSWER.length()).strip() : text;
        int second = answer.indexOf(ANSWER);
        if (second >= 0) answer = answer.substring(0, second).strip();
        return new Action.Say(text, answer);
    }
}
