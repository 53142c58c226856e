package org.selfchallenge.env.calculation;

import java.util.List;

/** {@code reverse_transcribe_mrna_to_dna(mrna_sequence)} = {@code s.translate(str.maketrans('UCAG', 'AGTC'))}. */
public final class ReverseTranscribeMrnaToDnaTool extends PyTool {
    public static final String NAME = "reverse_transcribe_mrna_to_dna";

    public ReverseTranscribeMrnaToDnaTool() {
        super(NAME, "Reverse transcribes mRNA sequence to DNA. Arguments: mrna_sequence (str)",
                "reverse_transcribe_mrna_to_dna(mrna_sequence: str) -> str", null, null, true, "mrna_sequence", STRING);
    }

    @Override
    protected Object invoke(Object[] p, List<Object> extra) {
        return PyStrings.translate(PyStrings.receiver(p[0], "translate"), "UCAG", "AGTC");
    }
}
