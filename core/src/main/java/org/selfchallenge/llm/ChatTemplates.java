package org.selfchallenge.llm;

import java.util.List;

/**
 * Renders a conversation into one prompt string for completion-style endpoints, ending where the
 * assistant's next message starts.
 * {@code llama3}: the Llama-3 chat format
 * ({@code <|begin_of_text|><|start_header_id|>role<|end_header_id|>\n\ncontent<|eot_id|>...});
 * {@code plain}: {@code role: content} lines then {@code assistant:}.
 */
public final class ChatTemplates {
    private ChatTemplates() {
    }

    public static String render(String format, List<Message> messages) {
        StringBuilder sb = new StringBuilder();
        switch (format) {
            case "llama3" -> {
                sb.append("<|begin_of_text|>");
                for (Message m : messages) {
                    sb.append("<|start_header_id|>").append(m.role()).append("<|end_header_id|>\n\n")
                            .append(m.content()).append("<|eot_id|>");
                }
                sb.append("<|start_header_id|>assistant<|end_header_id|>\n\n");
            }
            case "plain" -> {
                for (Message m : messages) sb.append(m.role()).append(": ").append(m.content()).append('\n');
                sb.append("assistant:");
            }
            default -> throw new IllegalArgumentException("unknown chat template " + format);
        }
        return sb.toString();
    }
}
