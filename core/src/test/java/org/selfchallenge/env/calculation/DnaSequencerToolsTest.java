package org.selfchallenge.env.calculation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.selfchallenge.env.calculation.ToolAssertions.assertRaises;
import static org.selfchallenge.env.calculation.ToolAssertions.list;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.selfchallenge.pyval.PyTuple;
import org.selfchallenge.pyval.expr.PyStr;

class DnaSequencerToolsTest {
    static Object dna(String tool, Object... a) {
        return ToolAssertions.call("cryptobotanists_plant_dna_sequencer", tool, a);
    }

    @Test
    void countNucleotidesFirstSeenOrder() {
        Object c = dna("count_nucleotides", "AGCTTA");
        // A: positions 0,5; G: 1; C: 2; T: 3,4 — in first-seen order
        assertEquals("{'A': 2, 'G': 1, 'C': 1, 'T': 2}", PyStr.repr(c));
        assertEquals(new LinkedHashMap<>(), dna("count_nucleotides", ""));
        assertEquals(new LinkedHashMap<>(), dna("count_nucleotides", (Object) null)); // Counter(None) is empty
        assertRaises("TypeError", "'int' object is not iterable", () -> dna("count_nucleotides", 5L));
    }

    @Test
    void transcription() {
        // A→U C→G G→C T→A, others unchanged
        assertEquals("UCGAX", dna("transcribe_dna_to_mrna", "AGCTX"));
        // U→A C→G A→T G→C
        assertEquals("ATGCAG", dna("reverse_transcribe_mrna_to_dna", "UACGUC"));
        assertRaises("AttributeError", "'int' object has no attribute 'translate'", () -> dna("transcribe_dna_to_mrna", 5L));
        assertRaises("AttributeError", "'list' object has no attribute 'translate'",
                () -> dna("reverse_transcribe_mrna_to_dna", list("U")));
    }

    @Test
    void translateCodons() {
        // AUG UUU UUC AG → Methionine, Phenylalanine, Phenylalanine, X (short tail)
        assertEquals("Methionine-Phenylalanine-Phenylalanine-X", dna("translate_mrna_to_amino_acid", "AUGUUUUUCAG"));
        assertEquals("", dna("translate_mrna_to_amino_acid", ""));
        assertEquals("X", dna("translate_mrna_to_amino_acid", PyTuple.of("A", "U", "G"))); // ('A','U','G') != 'AUG'
        assertRaises("TypeError", "unhashable type: 'list'", () -> dna("translate_mrna_to_amino_acid", list("A")));
        assertRaises("TypeError", "object of type 'int' has no len()", () -> dna("translate_mrna_to_amino_acid", 5L));
        assertRaises("TypeError", "unhashable type: 'slice'", () -> dna("translate_mrna_to_amino_acid", Map.of("a", 1L)));
    }

    @Test
    void findMaxNucleotide() {
        // ties keep the first key with the maximum
        assertEquals(PyTuple.of("C", 3L), dna("find_max_nucleotide", "A", 2L, "C", 3L, "G", 3L));
        // a repeated key keeps its position and takes the last value
        assertEquals(PyTuple.of("A", 5L), dna("find_max_nucleotide", "A", 1L, "A", 5L, "C", 4L));
        // an odd trailing key is dropped by zip
        assertEquals(PyTuple.of("A", 1L), dna("find_max_nucleotide", "A", 1L, "B"));
        assertRaises("ValueError", "max() arg is an empty sequence", () -> dna("find_max_nucleotide"));
        assertRaises("ValueError", "max() arg is an empty sequence", () -> dna("find_max_nucleotide", "A"));
        assertRaises("TypeError", "'>' not supported between instances of 'str' and 'int'",
                () -> dna("find_max_nucleotide", "A", 1L, "B", "x"));
        assertRaises("TypeError", "unhashable type: 'list'", () -> dna("find_max_nucleotide", List.of("A"), 1L));
    }

    @Test
    void isValidDnaSequence() {
        assertEquals(true, dna("is_valid_dna_sequence", "ACGT"));
        assertEquals(false, dna("is_valid_dna_sequence", "ACGX"));
        assertEquals(true, dna("is_valid_dna_sequence", "")); // the empty set is a subset
        assertEquals(false, dna("is_valid_dna_sequence", "acgt"));
        assertEquals(true, dna("is_valid_dna_sequence", list("A", "C")));
        assertRaises("TypeError", "'int' object is not iterable", () -> dna("is_valid_dna_sequence", 5L));
    }
}
