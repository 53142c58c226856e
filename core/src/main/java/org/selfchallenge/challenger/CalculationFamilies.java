package org.selfchallenge.challenger;

import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.function.BiFunction;

/**
 * Calculation (M3ToolEval tools) task families: answer-based tasks whose solution submits a value
 * with {@code submit_answer(x)} and whose {@code evaluate()} checks {@code final_answer()}. The
 * challenger computes each expected answer by calling the real tools (read-only), so the task is
 * right by construction of the environment, not of this class; the verifier still checks it.
 */
final class CalculationFamilies {
    /** Plain words: hex-encoded or Caesar-shifted in the tasks. */
    static final List<String> WORDS = List.of("apple", "river", "stone", "cloud", "tiger", "maple", "ocean",
            "piano", "lemon", "comet", "delta", "ember", "frost", "grape", "honey", "ivory", "jelly", "koala",
            "lunar", "mango", "noble", "orbit", "pearl", "quilt", "robin", "solar", "tulip", "umbra", "vivid",
            "wheat", "yacht", "zebra", "alien", "beacon", "cipher", "signal", "planet", "rocket", "garden",
            "silver", "bridge", "castle", "dragon", "forest", "harbor", "island", "jungle", "kernel", "meadow");
    private static final String DNA = "ACGT";

    private CalculationFamilies() {
    }

    static List<TaskFamily> all() {
        return List.of(
                family("calculation.hex_reverse", CalculationFamilies::hexReverse),
                family("calculation.caesar_decode", CalculationFamilies::caesar),
                family("calculation.dna_transcribe", CalculationFamilies::dna),
                family("calculation.trade_final_value", CalculationFamilies::trade));
    }

    static TaskFamily family(String name, BiFunction<Explorer, Random, Optional<CatDraft>> f) {
        return new TaskFamily() {
            @Override
            public String env() {
                return "calculation";
            }

            @Override
            public String name() {
                return name;
            }

            @Override
            public Optional<CatDraft> draft(Explorer ex, Random rnd) {
                return f.apply(ex, rnd).map(d -> new CatDraft(name, d.instruction(), d.evaluation(), d.solution(),
                        d.failureCases()));
            }
        };
    }

    private static String evalEquals(String literal) {
        return "def evaluate():\n    return final_answer() == " + literal;
    }

    private static String submit(String expr) {
        return "submit_answer(" + expr + ")";
    }

    /** Decode hex to ASCII, then reverse. Failure cases: not reversed; empty answer. */
    static Optional<CatDraft> hexReverse(Explorer ex, Random rnd) {
        String word = WORDS.get(rnd.nextInt(WORDS.size()));
        String hex = HexFormat.of().formatHex(word.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        Object decoded = ex.callArgs("convert_hex_to_ascii", hex);
        Object answer = ex.callArgs("reverse_string", decoded);
        if (!(answer instanceof String a) || a.equals(decoded)) {
            return Optional.empty();
        }
        String h = CatDraft.py(hex);
        return Optional.of(new CatDraft("", "Decode the hexadecimal string " + h + " to ASCII text, reverse the text,"
                + " and submit the reversed text as your answer.", evalEquals(CatDraft.py(a)),
                submit("reverse_string(convert_hex_to_ascii(" + h + "))"),
                List.of(submit("convert_hex_to_ascii(" + h + ")"), submit("\"\""))));
    }

    /** Caesar-decode a lower-case message with a shift. Failure cases: shift off by one; the message itself. */
    static Optional<CatDraft> caesar(Explorer ex, Random rnd) {
        String msg = WORDS.get(rnd.nextInt(WORDS.size()));
        int shift = 1 + rnd.nextInt(25);
        Object answer = ex.callArgs("caesar_decode", msg, (long) shift);
        if (!(answer instanceof String a) || a.equals(msg)) {
            return Optional.empty();
        }
        String m = CatDraft.py(msg);
        return Optional.of(new CatDraft("", "Decode the message " + m + " with a Caesar cipher shift of " + shift
                + " and submit the decoded text as your answer.", evalEquals(CatDraft.py(a)),
                submit("caesar_decode(" + m + ", " + shift + ")"),
                List.of(submit("caesar_decode(" + m + ", " + (shift % 25 + 1) + ")"), submit(m))));
    }

    /** Transcribe a DNA sequence to mRNA. Failure cases: the DNA itself; the reversed mRNA. */
    static Optional<CatDraft> dna(Explorer ex, Random rnd) {
        int n = 6 + rnd.nextInt(7);
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < n; i++) {
            b.append(DNA.charAt(rnd.nextInt(4)));
        }
        String seq = b.toString();
        Object answer = ex.callArgs("transcribe_dna_to_mrna", seq);
        if (!(answer instanceof String a) || a.equals(seq) || a.equals(new StringBuilder(a).reverse().toString())) {
            return Optional.empty();
        }
        String s = CatDraft.py(seq);
        return Optional.of(new CatDraft("", "Transcribe the DNA sequence " + s + " to mRNA and submit the mRNA"
                + " sequence as your answer.", evalEquals(CatDraft.py(a)),
                submit("transcribe_dna_to_mrna(" + s + ")"),
                List.of(submit(s), submit(CatDraft.py(new StringBuilder(a).reverse().toString())))));
    }

    /**
     * Price in local currency, tariff on it, final value. evaluate() allows 1e-6 relative error (the
     * solution runs the same tools, so it is exact; the tolerance only absorbs float printing).
     * Failure cases: the converted price without the tariff; zero.
     */
    static Optional<CatDraft> trade(Explorer ex, Random rnd) {
        long price = 10 + rnd.nextInt(990);
        double rate = (50 + rnd.nextInt(200)) / 100.0;
        long tariff = 1 + rnd.nextInt(30);
        Object local = ex.callArgs("convert_currency", (double) price, rate);
        if (!(local instanceof Number l)) {
            return Optional.empty();
        }
        Object t = ex.callArgs("calculate_tariff", l, (double) tariff);
        if (!(t instanceof Number tn)) {
            return Optional.empty();
        }
        Object fin = ex.callArgs("estimate_final_value", l, tn);
        if (!(fin instanceof Number f) || f.doubleValue() == l.doubleValue()) {
            return Optional.empty();
        }
        String expected = Double.toString(f.doubleValue());
        String rateS = Double.toString(rate);
        String eval = "def evaluate():\n    a = final_answer()\n"
                + "    return isinstance(a, (int, float)) and abs(a - " + expected + ") <= 1e-6 * max(1.0, abs(" + expected + "))";
        String solution = "local = convert_currency(" + price + ".0, " + rateS + ")\n"
                + "tariff = calculate_tariff(local, " + tariff + ".0)\n"
                + submit("estimate_final_value(local, tariff)");
        return Optional.of(new CatDraft("", "A commodity costs " + price + " in the base currency. Convert it to the"
                + " local currency at a conversion rate of " + rateS + ", apply a tariff rate of " + tariff
                + " percent, and submit the final value in the local currency as your answer.", eval, solution,
                List.of(submit("convert_currency(" + price + ".0, " + rateS + ")"), submit("0.0"))));
    }
}
