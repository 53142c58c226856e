package org.selfchallenge.env.calculation;

import java.util.List;

/** {@code transcribe_dna_to_mrna(dna_sequence)} = {@code s.translate(str.maketrans('ACGT', 'UGCA'))}. */
public final class TranscribeDnaToMrnaTool extends PyTool {
    public static final String NAME = "transcribe_dna_to_mrna";

    public TranscribeDnaToMrnaTool() {
        super(NAME, "Transcribes DNA sequence to mRNA. Arguments: dna_sequence (str)",
                "transcribe_dna_to_mrna(dna_sequence: str) -> str", null, null, true, "dna_sequence", STRING);
    }

    @Override
    protected Object invoke(Object[] p, List<Object> extra) {
        return PyStrings.translate(PyStrings.receiver(p[0], "translate"), "ACGT", "UGCA");
    }
}
