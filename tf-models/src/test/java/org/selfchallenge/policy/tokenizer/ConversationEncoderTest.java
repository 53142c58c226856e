package org.selfchallenge.policy.tokenizer;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.selfchallenge.llm.Message;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The byte-level tokenizer through DJL/HF tokenizers, and tokens + loss mask of ChatML conversations. */
class ConversationEncoderTest {
    @TempDir
    static Path dir;
    static PolicyTokenizer tok;

    @BeforeAll
    static void setUp() throws Exception {
        ByteLevelTokenizerFiles.write(dir);
        tok = PolicyTokenizer.load(dir);
    }

    @AfterAll
    static void tearDown() {
        tok.close();
    }

    /** UTF-8 bytes as token ids (ids 0..255 are the bytes). */
    static List<Integer> bytes(String s) {
        List<Integer> l = new ArrayList<>();
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            l.add(b & 0xff);
        }
        return l;
    }

    static int[] ints(List<Integer> l) {
        return l.stream().mapToInt(Integer::intValue).toArray();
    }

    @Test
    void byteLevelEncodingAndSpecialTokens() {
        // "é" is C3 A9 in UTF-8; <|im_end|> is id 258
        assertArrayEquals(new int[]{104, 0xC3, 0xA9, 108, 108, 111, 258}, tok.encode("héllo<|im_end|>"));
        assertEquals("héllo", tok.decode(new int[]{104, 0xC3, 0xA9, 108, 108, 111, 258}, true));
        assertEquals(Set.of(258, 256), tok.stopTokenIds());
        assertEquals(257, tok.tokenId("<|im_start|>"));
        assertArrayEquals(new int[]{32, 32, 10}, tok.encode("  \n"));
    }

    @Test
    void onlyAssistantTokensAreTrainable() {
        List<Message> msgs = List.of(Message.system("S"), Message.user("U"), Message.assistant("A1"),
                Message.user("V"), Message.assistant("B"));
        EncodedConversation ec = new ConversationEncoder(tok).encode(msgs);
        List<Integer> want = new ArrayList<>();
        List<Boolean> mask = new ArrayList<>();
        // <|im_start|>system\nS<|im_end|>\n<|im_start|>user\nU<|im_end|>\n<|im_start|>assistant\n
        Object[][] parts = {
                {257, false}, {"system\nS", false}, {258, false}, {"\n", false},
                {257, false}, {"user\nU", false}, {258, false}, {"\n", false},
                {257, false}, {"assistant\n", false},
                {"A1", true}, {258, true}, {"\n", false},
                {257, false}, {"user\nV", false}, {258, false}, {"\n", false},
                {257, false}, {"assistant\n", false},
                {"B", true}, {258, true}, {"\n", false}};
        for (Object[] p : parts) {
            List<Integer> ids = p[0] instanceof Integer i ? List.of(i) : bytes((String) p[0]);
            want.addAll(ids);
            ids.forEach(x -> mask.add((Boolean) p[1]));
        }
        assertArrayEquals(ints(want), ec.tokens());
        boolean[] m = new boolean[mask.size()];
        for (int i = 0; i < m.length; i++) {
            m[i] = mask.get(i);
        }
        assertArrayEquals(m, ec.mask());
        assertEquals(2 + 1 + 1 + 1, ec.trainableTokens());
        // the prompt for the next turn is the rendering up to the assistant header
        int[] prompt = new ConversationEncoder(tok).encodePrompt(msgs.subList(0, 2));
        assertArrayEquals(java.util.Arrays.copyOf(ec.tokens(), prompt.length), prompt);
    }

    @Test
    void sampledTokensAndLogprobsAreUsedWhenTheyMatchTheText() {
        List<Message> msgs = List.of(Message.user("U"), Message.assistant("AB"));
        ConversationEncoder enc = new ConversationEncoder(tok);
        EncodedConversation ec = enc.encode(msgs, java.util.Arrays.asList(null,
                new ConversationEncoder.Sampled(new int[]{65, 66, 258}, new float[]{-1f, -2f, -3f})));
        int n = ec.tokens().length;
        // ... assistant\n | A B <|im_end|> | \n
        assertArrayEquals(new int[]{65, 66, 258, 10}, java.util.Arrays.copyOfRange(ec.tokens(), n - 4, n));
        assertArrayEquals(new boolean[]{false, true, true, true, false},
                java.util.Arrays.copyOfRange(ec.mask(), n - 5, n));
        assertArrayEquals(new float[]{-1f, -2f, -3f, 0f}, java.util.Arrays.copyOfRange(ec.behaviourLogprobs(), n - 4, n));
        // sampled tokens that do not match the text (e.g. cut by a stop string): re-tokenised, log-probs unknown
        EncodedConversation fb = enc.encode(msgs, java.util.Arrays.asList(null,
                new ConversationEncoder.Sampled(new int[]{65, 67}, new float[]{-1f, -2f})));
        assertArrayEquals(ec.tokens(), fb.tokens());
        assertArrayEquals(ec.mask(), fb.mask());
        assertTrue(Float.isNaN(fb.behaviourLogprobs()[n - 4]));
    }
}
