package org.selfchallenge.challenger;

import org.junit.jupiter.api.Test;
import org.selfchallenge.cat.Reason;
import org.selfchallenge.cat.Verdict;
import org.selfchallenge.cat.Verifier;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CalculationWordFamiliesTest {
    private static final Pattern WORD = Pattern.compile("string \"([a-z]+)\"");

    private static String word(String text) {
        Matcher m = WORD.matcher(text);
        assertTrue(m.find(), text);
        return m.group(1);
    }

    /** Reverse: the expected answer is the word reversed by hand (StringBuilder), not by the tool. */
    @Test
    void reverseWordTasksVerifyAndExpectTheReversedWord() {
        ProceduralChallenger c = new ProceduralChallenger(List.of("calculation.reverse_word"));
        for (long seed = 0; seed < 8; seed++) {
            ProceduralChallenger.Result r = c.challenge("calculation", seed);
            assertEquals("calculation.reverse_word", r.family());
            String w = word(r.text());
            assertTrue(r.text().contains("submit_answer(reverse_string(\"" + w + "\"))"), r.text());
            assertTrue(r.text().contains("return final_answer() == \"" + new StringBuilder(w).reverse() + "\""), r.text());
            Verdict v = Verifier.verify("calculation", r.text());
            assertEquals(Reason.VALID, v.reason(), v.detail() + "\n" + r.text());
        }
    }

    @Test
    void reverseLettersTasksUseRandomStringsAndVerify() {
        ProceduralChallenger c = new ProceduralChallenger(List.of("calculation.reverse_letters"));
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (long seed = 0; seed < 8; seed++) {
            ProceduralChallenger.Result r = c.challenge("calculation", seed);
            String w = word(r.text());
            assertTrue(w.length() >= 4 && w.length() <= 6, w);
            assertTrue(r.text().contains("return final_answer() == \"" + new StringBuilder(w).reverse() + "\""), r.text());
            assertEquals(Reason.VALID, Verifier.verify("calculation", r.text()).reason(), r.text());
            seen.add(w);
        }
        assertTrue(seen.size() >= 7, "random strings repeat: " + seen);
    }

    @Test
    void wordLengthTasksVerifyAndExpectTheLength() {
        ProceduralChallenger c = new ProceduralChallenger(List.of("calculation.word_length"));
        for (long seed = 0; seed < 8; seed++) {
            ProceduralChallenger.Result r = c.challenge("calculation", seed);
            String w = word(r.text());
            assertTrue(r.text().contains("return final_answer() == " + w.length() + "\n"), r.text());
            assertEquals(Reason.VALID, Verifier.verify("calculation", r.text()).reason(), r.text());
        }
    }

    /** Named families replace their environment's defaults; other environments keep theirs. */
    @Test
    void familySelectionKeepsOtherEnvironmentsAndRejectsUnknownNames() {
        ProceduralChallenger c = new ProceduralChallenger(List.of("calculation.reverse_word", "calculation.caesar_decode"));
        assertEquals(List.of("calculation.reverse_word", "calculation.caesar_decode"),
                c.families("calculation").stream().map(TaskFamily::name).toList());
        assertEquals(new ProceduralChallenger().families("retail").size(), c.families("retail").size());
        assertTrue(ProceduralChallenger.knownFamilies().containsAll(List.of("calculation.reverse_word",
                "calculation.word_length", "calculation.reverse_letters", "calculation.hex_reverse")));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new ProceduralChallenger(List.of("calculation.nope")));
        assertTrue(e.getMessage().contains("calculation.nope"));
        // the default challenger does not draw the optional families
        assertTrue(new ProceduralChallenger().families("calculation").stream()
                .noneMatch(f -> f.name().equals("calculation.reverse_word")));
    }
}
