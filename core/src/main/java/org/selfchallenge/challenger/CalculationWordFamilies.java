package org.selfchallenge.challenger;

import java.util.List;
import java.util.Optional;
import java.util.Random;

/**
 * One-step calculation families for small from-scratch policies: one tool call on a word from
 * {@link CalculationFamilies#WORDS}, whose solution is a one-liner such as
 * {@code submit_answer(reverse_string("apple"))} — the argument is copied from the instruction. Not
 * registered by default; selected with the challenger's family list ({@code challenge.families}). As in
 * every family, the expected answer is computed by the environment's real tool, and the verifier checks
 * the solution and the failure cases.
 */
final class CalculationWordFamilies {
    private CalculationWordFamilies() {
    }

    static List<TaskFamily> all() {
        return List.of(CalculationFamilies.family("calculation.reverse_word", CalculationWordFamilies::reverseWord),
                CalculationFamilies.family("calculation.word_length", CalculationWordFamilies::wordLength),
                CalculationFamilies.family("calculation.reverse_letters", CalculationWordFamilies::reverseLetters));
    }

    /** Reverse a word. Failure cases: the word itself; the empty string. Palindromes are re-drawn. */
    static Optional<CatDraft> reverseWord(Explorer ex, Random rnd) {
        String word = CalculationFamilies.WORDS.get(rnd.nextInt(CalculationFamilies.WORDS.size()));
        Object answer = ex.callArgs("reverse_string", word);
        if (!(answer instanceof String a) || a.equals(word)) {
            return Optional.empty();
        }
        String w = CatDraft.py(word);
        return Optional.of(new CatDraft("", "Reverse the string " + w + " and submit the reversed string as your answer.",
                "def evaluate():\n    return final_answer() == " + CatDraft.py(a),
                "submit_answer(reverse_string(" + w + "))", List.of("submit_answer(" + w + ")", "submit_answer(\"\")")));
    }

    /** Shortest and longest random strings of {@link #reverseLetters}. */
    static final int MIN_LETTERS = 4;
    static final int MAX_LETTERS = 6;

    /**
     * Reverse a random lower-case string (4–6 letters): unlike a list word it cannot be memorised, so a
     * policy must copy it from the instruction. Failure cases: the string itself; the empty string.
     */
    static Optional<CatDraft> reverseLetters(Explorer ex, Random rnd) {
        int n = MIN_LETTERS + rnd.nextInt(MAX_LETTERS - MIN_LETTERS + 1);
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < n; i++) {
            b.append((char) ('a' + rnd.nextInt(26)));
        }
        String word = b.toString();
        Object answer = ex.callArgs("reverse_string", word);
        if (!(answer instanceof String a) || a.equals(word)) {
            return Optional.empty();
        }
        String w = CatDraft.py(word);
        return Optional.of(new CatDraft("", "Reverse the string " + w + " and submit the reversed string as your answer.",
                "def evaluate():\n    return final_answer() == " + CatDraft.py(a),
                "submit_answer(reverse_string(" + w + "))", List.of("submit_answer(" + w + ")", "submit_answer(\"\")")));
    }

    /** Length of a word. Failure cases: one more than the length; zero. */
    static Optional<CatDraft> wordLength(Explorer ex, Random rnd) {
        String word = CalculationFamilies.WORDS.get(rnd.nextInt(CalculationFamilies.WORDS.size()));
        Object answer = ex.callArgs("string_length", word);
        if (!(answer instanceof Long n) || n == 0) {
            return Optional.empty();
        }
        String w = CatDraft.py(word);
        return Optional.of(new CatDraft("", "Find the length of the string " + w + " and submit the length as your answer.",
                "def evaluate():\n    return final_answer() == " + n,
                "submit_answer(string_length(" + w + "))", List.of("submit_answer(" + (n + 1) + ")", "submit_answer(0)")));
    }
}
