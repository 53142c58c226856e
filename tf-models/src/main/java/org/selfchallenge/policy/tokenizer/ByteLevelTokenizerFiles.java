package org.selfchallenge.policy.tokenizer;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes a small byte-level tokenizer for randomly initialised checkpoints: ids 0..255 are the 256 bytes (GPT-2
 * byte-to-unicode alphabet, a BPE model without merges, so every text has exactly one tokenization), then the
 * ChatML special tokens {@code <|endoftext|>} (256, pad), {@code <|im_start|>} (257), {@code <|im_end|>} (258, eos).
 * Also writes tokenizer_config.json with a ChatML chat template and generation_config.json.
 */
public final class ByteLevelTokenizerFiles {
    public static final String ENDOFTEXT = "<|endoftext|>";
    public static final String IM_START = "<|im_start|>";
    public static final String IM_END = "<|im_end|>";
    public static final int ENDOFTEXT_ID = 256;
    public static final int IM_START_ID = 257;
    public static final int IM_END_ID = 258;
    /** Minimum vocab_size a config needs to use this tokenizer. */
    public static final int VOCAB = 259;
    public static final String CHATML_TEMPLATE = "{%- for message in messages %}"
            + "{{- '<|im_start|>' + message['role'] + '\\n' + message['content'] + '<|im_end|>' + '\\n' }}"
            + "{%- endfor %}"
            + "{%- if add_generation_prompt %}{{- '<|im_start|>assistant\\n' }}{%- endif %}";
    private static final ObjectMapper JSON = new ObjectMapper();

    private ByteLevelTokenizerFiles() {
    }

    /** GPT-2's reversible byte → printable unicode character map. */
    static char[] byteToUnicode() {
        List<Integer> bs = new ArrayList<>();
        for (int b = '!'; b <= '~'; b++) {
            bs.add(b);
        }
        for (int b = 0xA1; b <= 0xAC; b++) {
            bs.add(b);
        }
        for (int b = 0xAE; b <= 0xFF; b++) {
            bs.add(b);
        }
        char[] map = new char[256];
        for (int b : bs) {
            map[b] = (char) b;
        }
        int n = 0;
        for (int b = 0; b < 256; b++) {
            if (!bs.contains(b)) {
                map[b] = (char) (256 + n++);
            }
        }
        return map;
    }

    public static void write(Path dir) throws IOException {
        Files.createDirectories(dir);
        ObjectNode root = JSON.createObjectNode();
        root.put("version", "1.0");
        root.putNull("truncation");
        root.putNull("padding");
        ArrayNode added = root.putArray("added_tokens");
        String[] specials = {ENDOFTEXT, IM_START, IM_END};
        for (int i = 0; i < specials.length; i++) {
            ObjectNode a = added.addObject();
            a.put("id", 256 + i);
            a.put("content", specials[i]);
            a.put("single_word", false);
            a.put("lstrip", false);
            a.put("rstrip", false);
            a.put("normalized", false);
            a.put("special", true);
        }
        root.putNull("normalizer");
        ObjectNode pre = root.putObject("pre_tokenizer");
        pre.put("type", "ByteLevel");
        pre.put("add_prefix_space", false);
        pre.put("trim_offsets", true);
        pre.put("use_regex", true);
        root.putNull("post_processor");
        ObjectNode dec = root.putObject("decoder");
        dec.put("type", "ByteLevel");
        dec.put("add_prefix_space", true);
        dec.put("trim_offsets", true);
        dec.put("use_regex", true);
        ObjectNode model = root.putObject("model");
        model.put("type", "BPE");
        model.putNull("dropout");
        model.putNull("unk_token");
        model.putNull("continuing_subword_prefix");
        model.putNull("end_of_word_suffix");
        model.put("fuse_unk", false);
        model.put("byte_fallback", false);
        ObjectNode vocab = model.putObject("vocab");
        char[] map = byteToUnicode();
        for (int b = 0; b < 256; b++) {
            vocab.put(String.valueOf(map[b]), b);
        }
        for (int i = 0; i < specials.length; i++) {
            vocab.put(specials[i], 256 + i);
        }
        model.putArray("merges");
        Files.writeString(dir.resolve("tokenizer.json"), JSON.writeValueAsString(root));

        ObjectNode tc = JSON.createObjectNode();
        tc.put("tokenizer_class", "PreTrainedTokenizerFast");
        tc.put("chat_template", CHATML_TEMPLATE);
        tc.put("eos_token", IM_END);
        tc.put("pad_token", ENDOFTEXT);
        tc.putNull("bos_token");
        tc.put("model_max_length", 32768);
        ObjectNode atd = tc.putObject("added_tokens_decoder");
        for (int i = 0; i < specials.length; i++) {
            ObjectNode a = atd.putObject(String.valueOf(256 + i));
            a.put("content", specials[i]);
            a.put("special", true);
        }
        Files.writeString(dir.resolve("tokenizer_config.json"), JSON.writerWithDefaultPrettyPrinter().writeValueAsString(tc));

        ObjectNode gc = JSON.createObjectNode();
        gc.putArray("eos_token_id").add(IM_END_ID).add(ENDOFTEXT_ID);
        gc.put("pad_token_id", ENDOFTEXT_ID);
        Files.writeString(dir.resolve("generation_config.json"), JSON.writerWithDefaultPrettyPrinter().writeValueAsString(gc));
    }
}
