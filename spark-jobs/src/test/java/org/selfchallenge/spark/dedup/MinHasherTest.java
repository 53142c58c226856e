package org.selfchallenge.spark.dedup;

import org.apache.spark.ml.feature.HashingTF;
import org.apache.spark.ml.feature.MinHashLSH;
import org.apache.spark.ml.feature.NGram;
import org.apache.spark.ml.feature.RegexTokenizer;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.selfchallenge.spark.SharedSparkSession;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.when;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * {@link MinHasher} row by row against MLlib's DataFrame chain (RegexTokenizer → NGram → HashingTF →
 * MinHashLSH.transform), the oracle it replaces in the stage; and the verify pass's
 * {@code kept_and_signed} function.
 */
class MinHasherTest extends SharedSparkSession {
    private static final int SHINGLE = 3;
    private static final long SEED = 7;
    private static final List<String> TEXTS = List.of("What is the LENGTH of the word 'apple'?", "Reverse: kiwi",
            "one", "  Tabs\tand\nnew-lines,   spaces  ", "", "?!", "Größe der Straße ist 12,5 m — überprüfe #W0042",
            "a b c a b c a b c");
    private static final NearDuplicateFilter FILTER = new NearDuplicateFilter(SHINGLE, Bands.DEFAULT_BANDS,
            Bands.DEFAULT_ROWS_PER_BAND, 0.9, SEED, 2);

    private static Dataset<Row> texts() {
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < TEXTS.size(); i++) {
            rows.add(RowFactory.create("t" + i, i % 2 == 0 ? "retail" : "calculation", i != 5, TEXTS.get(i)));
        }
        return spark().createDataFrame(rows, new StructType().add("task_id", DataTypes.StringType)
                .add("env", DataTypes.StringType).add("valid", DataTypes.BooleanType)
                .add("instruction", DataTypes.StringType));
    }

    @Test
    void shingleIdsAreMllibShingles() {
        List<Row> got = new NGram().setN(SHINGLE).setInputCol("words").setOutputCol("grams").transform(
                new RegexTokenizer().setInputCol("instruction").setOutputCol("words").setPattern("\\W+")
                        .setToLowercase(true).transform(texts())).select("words", "grams").collectAsList();
        HashingTF tf = new HashingTF().setNumFeatures(NearDuplicateFilter.NUM_FEATURES);
        for (int i = 0; i < TEXTS.size(); i++) {
            List<String> g = got.get(i).getList(1);
            List<String> terms = g.isEmpty() ? got.get(i).getList(0) : g;
            int[] expected = terms.stream().mapToInt(tf::indexOf).distinct().sorted().toArray();
            assertArrayEquals(expected, MinHasher.shingleIds(TEXTS.get(i), SHINGLE, tf), TEXTS.get(i));
        }
        // 8 words → 6 three-word shingles; 1 word → the word itself; no word → nothing; a repeated
        // shingle once (9 words → 7 shingles, 3 distinct).
        assertEquals(6, MinHasher.shingleIds(TEXTS.get(0), SHINGLE, tf).length);
        assertEquals(1, MinHasher.shingleIds("one", SHINGLE, tf).length);
        assertEquals(0, MinHasher.shingleIds("?!", SHINGLE, tf).length);
        assertEquals(3, MinHasher.shingleIds("a b c a b c a b c", SHINGLE, tf).length);
    }

    /** MLlib's chain: per task with a word, its feature ids and band keys from MinHashLSH.transform. */
    private static List<Bands.Signed> mllibChain(Dataset<Row> tasks) {
        Dataset<Row> words = new RegexTokenizer().setInputCol("instruction").setOutputCol("words")
                .setPattern("\\W+").setToLowercase(true).transform(tasks);
        Dataset<Row> shingles = new NGram().setN(SHINGLE).setInputCol("words").setOutputCol("grams").transform(words)
                .withColumn("shingles", when(size(col("grams")).equalTo(0), col("words")).otherwise(col("grams")))
                .filter(size(col("shingles")).gt(0));
        Dataset<Row> feats = new HashingTF().setInputCol("shingles").setOutputCol("features").setBinary(true)
                .setNumFeatures(NearDuplicateFilter.NUM_FEATURES).transform(shingles);
        int n = Bands.DEFAULT_BANDS * Bands.DEFAULT_ROWS_PER_BAND;
        Dataset<Row> hashed = new MinHashLSH().setNumHashTables(n).setSeed(SEED).setInputCol("features")
                .setOutputCol("hashes").fit(feats).transform(feats);
        List<Bands.Signed> out = new ArrayList<>();
        for (Row r : hashed.select("task_id", "env", "features", "hashes").collectAsList()) {
            List<Vector> hs = r.getList(3);
            long[] sig = new long[n];
            for (int i = 0; i < n; i++) {
                sig[i] = (long) hs.get(i).apply(0);
            }
            out.add(new Bands.Signed(new Bands.Member(r.getString(0), r.getString(1), false,
                    ((Vector) r.get(2)).toSparse().indices()),
                    Bands.keys(r.getString(1), sig, Bands.DEFAULT_BANDS, Bands.DEFAULT_ROWS_PER_BAND)));
        }
        return out;
    }

    private static String show(List<Bands.Signed> signed) {
        StringBuilder b = new StringBuilder();
        signed.stream().sorted(Comparator.comparing(Bands.Signed::id)).forEach(s -> b.append(s.id()).append(' ')
                .append(s.member.env).append(' ').append(s.member.heldout).append(' ')
                .append(java.util.Arrays.toString(s.member.features)).append(' ')
                .append(java.util.Arrays.toString(s.keys)).append('\n'));
        return b.toString();
    }

    @Test
    void signaturesAreMllibMinHashLshValues() {
        List<Bands.Signed> expected = mllibChain(texts());
        assertEquals(TEXTS.size() - 2, expected.size()); // "" and "?!" have no word
        MinHasher h = FILTER.hasher(spark());
        List<Bands.Signed> got = new ArrayList<>();
        for (int i = 0; i < TEXTS.size(); i++) {
            Bands.Signed s = h.sign("t" + i, i % 2 == 0 ? "retail" : "calculation", false, TEXTS.get(i));
            if (s != null) {
                got.add(s);
            }
        }
        assertEquals(show(expected), show(got));
        assertNull(h.sign("x", "retail", false, "?!"));
    }

    @Test
    void keptAndSignedPassesValidThroughAndHashesTheValidTasksOnce() {
        SignedTasks signed = new SignedTasks();
        spark().sparkContext().register(signed);
        List<Row> kept = texts().withColumn("kept", FILTER.keptAndSigned(spark(), signed)
                        .apply(col("task_id"), col("env"), col("valid"), col("instruction")))
                .repartition(3).select("task_id", "kept").orderBy("task_id").collectAsList();
        assertEquals("[[t0,true], [t1,true], [t2,true], [t3,true], [t4,true], [t5,false], [t6,true], [t7,true]]",
                kept.toString());
        // Valid tasks with a word: all but t4 ("", valid) and t5 ("?!", not valid).
        List<Bands.Signed> expected = mllibChain(texts().filter("valid"));
        assertEquals(List.of("t0", "t1", "t2", "t3", "t6", "t7"), expected.stream().map(Bands.Signed::id).toList());
        assertEquals(show(expected), show(signed.value()));
    }
}
