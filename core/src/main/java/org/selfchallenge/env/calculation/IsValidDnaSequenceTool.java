package org.selfchallenge.env.calculation;

import java.util.List;

import org.selfchallenge.pyval.expr.PyOps;

/** {@code is_valid_dna_sequence(dna_sequence)} = {@code set(s).issubset(set('ACGT'))} (empty → True). */
public final class IsValidDnaSequenceTool extends PyTool {
    public static final String NAME = "is_valid_dna_sequence";
    private static final List<Object> ACGT = List.of("A", "C", "G", "T");

    public IsValidDnaSequenceTool() {
        super(NAME, "Checks if the DNA sequence is valid. Arguments: dna_sequence (str)",
                "is_valid_dna_sequence(dna_sequence: str) -> bool", null, null, true, "dna_sequence", STRING);
    }

    @Override
    protected Object invoke(Object[] p, List<Object> extra) {
        List<Object> items = PyOps.iterate(p[0]);
        items.forEach(PyOps::requireHashable);
        return items.stream().allMatch(x -> ACGT.stream().anyMatch(a -> PyOps.eq(a, x)));
    }
}
