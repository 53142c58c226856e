package org.selfchallenge.policy.tokenizer;

import org.selfchallenge.llm.Message;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Turns chat messages into tokens + loss mask the way they were produced at generation time: for each
 * assistant message i, the template rendering of messages[0..i) with the generation prompt is the context
 * (tokenized as the prompt was), and the extra text that rendering messages[0..i] adds is the assistant's
 * output (tokenized as its own segment, like sampled tokens). Within that segment, tokens up to and including
 * the first stop token are trainable; template text after the stop token (e.g. ChatML's trailing newline) is not.
 * Requires a prefix-stable template (Llama-3.x, Qwen2.5, ChatML are).
 */
public final class ConversationEncoder {
    private final PolicyTokenizer tokenizer;
    private final ChatTemplate template;
    private final Set<Integer> stops;

    public ConversationEncoder(PolicyTokenizer tokenizer) {
        this.tokenizer = tokenizer;
        this.template = tokenizer.chatTemplate();
        if (template == null) {
            throw new IllegalArgumentException("the tokenizer has no chat template");
        }
        this.stops = tokenizer.stopTokenIds();
    }

    /** Tokens of the prompt for the assistant's next message (generation prompt appended). */
    public int[] encodePrompt(List<Message> messages) {
        return tokenizer.encode(template.render(messages, true));
    }

    public EncodedConversation encode(List<Message> messages) {
        return encode(messages, null);
    }

    /**
     * As {@link #encode(List)}, but for assistant messages whose sampled tokens are known (same index in
     * {@code sampled}, entries may be null) those exact tokens and their log-probs are used, so training sees
     * what the sampler produced. If the template's text for that turn does not start with the decoded sampled
     * tokens (e.g. a stop string cut the text), the turn's text is re-tokenised with unknown (NaN) log-probs.
     */
    public EncodedConversation encode(List<Message> messages, List<Sampled> sampled) {
        List<Integer> toks = new ArrayList<>();
        List<Boolean> mask = new ArrayList<>();
        List<Float> lps = new ArrayList<>();
        int consumed = 0;
        for (int i = 0; i < messages.size(); i++) {
            if (!"assistant".equals(messages.get(i).role())) {
                continue;
            }
            String prefix = template.render(messages.subList(0, i), true);
            String full = template.render(messages.subList(0, i + 1), false);
            if (!full.startsWith(prefix) || prefix.length() < consumed) {
                throw new IllegalArgumentException("chat template is not prefix-stable at message " + i
                        + "; cannot separate assistant tokens");
            }
            add(toks, mask, lps, tokenizer.encode(prefix.substring(consumed)));
            String segment = full.substring(prefix.length());
            Sampled s = sampled != null && i < sampled.size() ? sampled.get(i) : null;
            String decoded = s == null ? null : tokenizer.decode(s.tokens(), false);
            if (s != null && segment.startsWith(decoded)) {
                for (int k = 0; k < s.tokens().length; k++) {
                    toks.add(s.tokens()[k]);
                    mask.add(true);
                    lps.add(s.logprobs()[k]);
                }
                add(toks, mask, lps, tokenizer.encode(segment.substring(decoded.length())));
            } else {
                boolean trainable = true;
                for (int t : tokenizer.encode(segment)) {
                    toks.add(t);
                    mask.add(trainable);
                    lps.add(trainable ? Float.NaN : 0f);
                    if (trainable && stops.contains(t)) {
                        trainable = false;
                    }
                }
            }
            consumed = full.length();
        }
        String all = template.render(messages, false);
        if (all.length() > consumed) {
            add(toks, mask, lps, tokenizer.encode(all.substring(consumed)));
        }
        int[] t = new int[toks.size()];
        boolean[] m = new boolean[t.length];
        float[] l = new float[t.length];
        for (int i = 0; i < t.length; i++) {
            t[i] = toks.get(i);
            m[i] = mask.get(i);
            l[i] = lps.get(i);
        }
        return new EncodedConversation(t, m, l);
    }

    /** Sampled tokens of one assistant turn and the sampler's log-probs of them (e.g. from a Completion). */
    public record Sampled(int[] tokens, float[] logprobs) {
        public Sampled {
            if (tokens.length != logprobs.length) {
                throw new IllegalArgumentException("tokens and logprobs differ in length");
            }
        }
    }

    /** Untrainable context tokens. */
    private static void add(List<Integer> toks, List<Boolean> mask, List<Float> lps, int[] ids) {
        for (int id : ids) {
            toks.add(id);
            mask.add(false);
            lps.add(0f);
        }
    }
}
