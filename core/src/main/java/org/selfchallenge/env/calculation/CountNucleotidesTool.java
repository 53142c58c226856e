package org.selfchallenge.env.calculation;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.selfchallenge.pyval.expr.PyOps;

/**
 * {@code count_nucleotides(dna_sequence)} = {@code dict(Counter(dna_sequence))}: counts in first-seen
 * order; any iterable works ({@code Counter(None)} is empty, so {@code None} gives {@code {}}).
 */
public final class CountNucleotidesTool extends PyTool {
    public static final String NAME = "count_nucleotides";

    public CountNucleotidesTool() {
        super(NAME, "Counts the occurrences of each nucleotide in a DNA sequence. Arguments: dna_sequence (str)",
                "count_nucleotides(dna_sequence: str) -> dict", null, null, true, "dna_sequence", STRING);
    }

    @Override
    protected Object invoke(Object[] p, List<Object> extra) {
        Map<Object, Object> counts = new LinkedHashMap<>();
        if (p[0] == null) {
            return counts;
        }
        for (Object item : PyOps.iterate(p[0])) {
            PyOps.requireHashable(item);
            Object key = item;
            for (Object k : counts.keySet()) {
                if (PyOps.eq(k, item)) {
                    key = k;
                    break;
                }
            }
            counts.merge(key, 1L, (a, b) -> (Long) a + 1L);
        }
        return counts;
    }
}
