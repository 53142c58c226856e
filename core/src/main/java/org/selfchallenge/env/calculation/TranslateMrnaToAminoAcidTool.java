package org.selfchallenge.env.calculation;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.selfchallenge.pyval.PyException;
import org.selfchallenge.pyval.PyTuple;
import org.selfchallenge.pyval.expr.PyBuiltins;
import org.selfchallenge.pyval.expr.PyOps;

/**
 * {@code translate_mrna_to_amino_acid(mrna_sequence)}: codons {@code s[i:i+3]} for i in
 * {@code range(0, len(s), 3)}, looked up in {AUG: Methionine, UUU/UUC: Phenylalanine} with default
 * {@code 'X'} (a trailing 1–2 letter chunk is an 'X' too), joined with {@code '-'}.
 */
public final class TranslateMrnaToAminoAcidTool extends PyTool {
    public static final String NAME = "translate_mrna_to_amino_acid";
    private static final Map<String, String> CODONS = Map.of(
            "AUG", "Methionine", "UUU", "Phenylalanine", "UUC", "Phenylalanine");

    public TranslateMrnaToAminoAcidTool() {
        super(NAME, "Translates mRNA sequence to a chain of amino acids. Arguments: mrna_sequence (str)",
                "translate_mrna_to_amino_acid(mrna_sequence: str) -> str", null, null, true, "mrna_sequence", STRING);
    }

    @Override
    protected Object invoke(Object[] p, List<Object> extra) {
        Object s = p[0];
        long n = (Long) PyBuiltins.len(s);
        List<String> acids = new ArrayList<>();
        if (s instanceof String str) {
            int[] cps = str.codePoints().toArray();
            for (int i = 0; i < cps.length; i += 3) {
                String codon = new String(cps, i, Math.min(3, cps.length - i));
                acids.add(CODONS.getOrDefault(codon, "X"));
            }
        } else if (n > 0) {
            if (s instanceof PyTuple t) {
                for (int i = 0; i < n; i += 3) {
                    // a tuple slice is hashable but never equal to a str key
                    PyOps.requireHashable(new PyTuple(t.items().subList(i, (int) Math.min(n, i + 3))));
                    acids.add("X");
                }
            } else if (s instanceof List) {
                throw new PyException("TypeError", "unhashable type: 'list'");
            } else if (s instanceof Map) {
                throw new PyException("TypeError", "unhashable type: 'slice'");
            } else {
                throw new PyException("TypeError", "'" + PyOps.typeName(s) + "' object is not subscriptable");
            }
        }
        return String.join("-", acids);
    }
}
