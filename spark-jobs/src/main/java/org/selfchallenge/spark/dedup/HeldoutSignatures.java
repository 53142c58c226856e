package org.selfchallenge.spark.dedup;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The held-out tasks' MinHash band keys, kept by round 0 for the training rounds: round 0 hashes its valid
 * tasks anyway, and its kept ones are the held-out set every later round is compared with. Read back on the
 * driver, they spare each training round a second scan (round 0's table) in its signature query and
 * MinHash over the held-out instructions again (50-60 ms of a verify stage on 2 cores).
 *
 * <p>A JSON file: {@code version}, the parameters the keys depend on ({@code shingle_words},
 * {@code num_features}, {@code bands}, {@code rows_per_band}, {@code seed}) and {@code tasks}, each with
 * {@code task_id}, {@code env}, {@code features} (sorted shingle ids) and {@code keys} (one per band).
 * A reader whose parameters differ, or a missing or unreadable file, gets nothing: the stage then hashes
 * round 0's kept instructions itself, as it did before the file existed.
 */
public final class HeldoutSignatures {
    public static final String FILE = "heldout_signatures.json";
    static final int VERSION = 1;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What the band keys depend on: the shingling, the hashed feature space and the MinHash family. */
    public record Params(int shingleWords, int numFeatures, int bands, int rowsPerBand, long seed) {
        private boolean matches(JsonNode n) {
            return n.path("version").asInt(-1) == VERSION && n.path("shingle_words").asInt(-1) == shingleWords
                    && n.path("num_features").asInt(-1) == numFeatures && n.path("bands").asInt(-1) == bands
                    && n.path("rows_per_band").asInt(-1) == rowsPerBand && n.path("seed").isIntegralNumber()
                    && n.path("seed").asLong() == seed;
        }
    }

    private HeldoutSignatures() {
    }

    /** Writes {@code kept} (hashed tasks, in any order) to {@code file}, sorted by task id. */
    public static void write(FileSystem fs, Path file, Params p, List<Bands.Signed> kept) throws IOException {
        ObjectNode root = JSON.createObjectNode().put("version", VERSION).put("shingle_words", p.shingleWords())
                .put("num_features", p.numFeatures()).put("bands", p.bands()).put("rows_per_band", p.rowsPerBand())
                .put("seed", p.seed());
        ArrayNode tasks = root.putArray("tasks");
        for (Bands.Signed s : kept.stream().sorted(Comparator.comparing(Bands.Signed::id)).toList()) {
            ObjectNode t = tasks.addObject().put("task_id", s.member.id).put("env", s.member.env);
            ArrayNode f = t.putArray("features");
            for (int x : s.member.features) {
                f.add(x);
            }
            ArrayNode k = t.putArray("keys");
            for (long x : s.keys) {
                k.add(x);
            }
        }
        try (FSDataOutputStream out = fs.create(file, false)) {
            JSON.writeValue((java.io.OutputStream) out, root);
        }
    }

    /**
     * The held-out members in {@code file} (marked held-out), or null when the file is missing, unreadable,
     * of another version or made with other parameters than {@code p}.
     */
    public static List<Bands.Signed> read(FileSystem fs, Path file, Params p) {
        JsonNode root;
        try {
            if (!fs.exists(file)) {
                return null;
            }
            try (FSDataInputStream in = fs.open(file)) {
                root = JSON.readTree((java.io.InputStream) in);
            }
        } catch (IOException e) {
            return null; // a damaged file costs a recomputation, never the stage
        }
        if (root == null || !p.matches(root) || !root.path("tasks").isArray()) {
            return null;
        }
        List<Bands.Signed> out = new ArrayList<>();
        for (JsonNode t : root.path("tasks")) {
            JsonNode f = t.path("features");
            JsonNode k = t.path("keys");
            if (!t.path("task_id").isTextual() || !t.path("env").isTextual() || !f.isArray() || !k.isArray()
                    || k.size() != p.bands()) {
                return null;
            }
            int[] features = new int[f.size()];
            for (int i = 0; i < features.length; i++) {
                features[i] = f.get(i).asInt();
            }
            long[] keys = new long[k.size()];
            for (int i = 0; i < keys.length; i++) {
                keys[i] = k.get(i).asLong();
            }
            out.add(new Bands.Signed(new Bands.Member(t.get("task_id").asText(), t.get("env").asText(), true, features),
                    keys));
        }
        return out;
    }
}
