package org.selfchallenge.policy.tokenizer;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * A checkpoint's tokenizer: {@code tokenizer.json} through the Hugging Face tokenizers library (DJL binding,
 * natives inside the jar), its chat template, and its stop tokens (eos ids from generation_config.json and
 * config.json, plus the tokenizer_config eos token). Encoding never adds special tokens: chat templates
 * write them as text, and the tokenizer maps those strings to their ids.
 */
public final class PolicyTokenizer implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HuggingFaceTokenizer tokenizer;
    private final ChatTemplate chatTemplate;
    private final Set<Integer> stopTokenIds;

    private PolicyTokenizer(HuggingFaceTokenizer tokenizer, ChatTemplate chatTemplate, Set<Integer> stopTokenIds) {
        this.tokenizer = tokenizer;
        this.chatTemplate = chatTemplate;
        this.stopTokenIds = Set.copyOf(stopTokenIds);
    }

    public static PolicyTokenizer load(Path checkpointDir) throws IOException {
        Path tj = checkpointDir.resolve("tokenizer.json");
        if (!Files.isRegularFile(tj)) {
            throw new IOException(checkpointDir + ": no tokenizer.json");
        }
        HuggingFaceTokenizer tok = HuggingFaceTokenizer.newInstance(tj, Map.of("addSpecialTokens", "false",
                "truncation", "false", "padding", "false"));
        Path tc = checkpointDir.resolve("tokenizer_config.json");
        ChatTemplate tpl = Files.isRegularFile(tc) ? ChatTemplate.fromTokenizerConfig(tc) : null;
        Set<Integer> stops = new LinkedHashSet<>();
        for (String f : new String[]{"generation_config.json", "config.json"}) {
            Path p = checkpointDir.resolve(f);
            if (Files.isRegularFile(p)) {
                JsonNode e = JSON.readTree(p.toFile()).get("eos_token_id");
                if (e != null && e.isArray()) {
                    e.forEach(x -> stops.add(x.asInt()));
                } else if (e != null && e.isNumber()) {
                    stops.add(e.asInt());
                }
            }
        }
        PolicyTokenizer t = new PolicyTokenizer(tok, tpl, Set.of());
        if (tpl != null && tpl.specialTokens().get("eos_token") instanceof String eos) {
            int id = t.tokenId(eos);
            if (id >= 0) {
                stops.add(id);
            }
        }
        return new PolicyTokenizer(tok, tpl, stops);
    }

    public int[] encode(String text) {
        long[] ids = tokenizer.encode(text, false, false).getIds();
        int[] out = new int[ids.length];
        for (int i = 0; i < ids.length; i++) {
            out[i] = (int) ids[i];
        }
        return out;
    }

    public String decode(int[] ids, boolean skipSpecialTokens) {
        long[] l = new long[ids.length];
        for (int i = 0; i < ids.length; i++) {
            l[i] = ids[i];
        }
        return tokenizer.decode(l, skipSpecialTokens);
    }

    /** The id of a token given as its exact text (e.g. a special token), or -1 when it is not a single token. */
    public int tokenId(String token) {
        int[] ids = encode(token);
        return ids.length == 1 ? ids[0] : -1;
    }

    /** The chat template, or null when the checkpoint has none. */
    public ChatTemplate chatTemplate() {
        return chatTemplate;
    }

    public Set<Integer> stopTokenIds() {
        return stopTokenIds;
    }

    @Override
    public void close() {
        tokenizer.close();
    }
}
