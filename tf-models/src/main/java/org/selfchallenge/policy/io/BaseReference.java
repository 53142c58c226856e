package org.selfchallenge.policy.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * A LoRA training checkpoint's frozen base, by reference ({@value #FILE}): where the base checkpoint lives
 * and the size and SHA-256 of each of its weight files.
 *
 * <p>Why not a copy: the base never changes while adapters train, and in the Spark job it is the round's
 * input policy, already stored once. A copy in every round's training state doubled what a round writes
 * (16 GB more per round for an 8B model in BF16). A resume checks every digest, so a base that was
 * replaced or rewritten since is refused instead of silently trained on.
 *
 * @param location where the base was read from: a local directory, or a URI ({@code hdfs://},
 *                 {@code s3a://}) whose local copy a resume is given
 * @param files    weight file name → its size and SHA-256
 */
public record BaseReference(String location, Map<String, Digest> files) {
    public static final String FILE = "base_model.json";
    public static final int FORMAT = 1;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern SCHEME = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]*:");
    private static final int BUFFER = 1 << 20;

    /** One weight file: its length in bytes and SHA-256 (lower-case hex). */
    public record Digest(long bytes, String sha256) {
    }

    /** The reference to the Hugging Face checkpoint in {@code dir}, found at {@code location}. */
    public static BaseReference of(String location, Path dir) throws IOException {
        Map<String, Digest> files = new LinkedHashMap<>();
        for (String f : weightFiles(dir)) {
            files.put(f, digest(dir.resolve(f)));
        }
        return new BaseReference(location, files);
    }

    /**
     * The files that hold a checkpoint's weights: {@code model.safetensors}, or the index and the shards it
     * names (config and tokenizer files travel with the training checkpoint itself).
     */
    static TreeSet<String> weightFiles(Path dir) throws IOException {
        TreeSet<String> out = new TreeSet<>();
        Path index = dir.resolve(HfCheckpoint.INDEX);
        if (Files.isRegularFile(index)) {
            out.add(HfCheckpoint.INDEX);
            for (Iterator<JsonNode> it = JSON.readTree(index.toFile()).path("weight_map").elements(); it.hasNext(); ) {
                out.add(it.next().asText());
            }
        } else if (Files.isRegularFile(dir.resolve(HfCheckpoint.SINGLE))) {
            out.add(HfCheckpoint.SINGLE);
        } else {
            throw new IOException(dir + ": neither " + HfCheckpoint.SINGLE + " nor " + HfCheckpoint.INDEX);
        }
        return out;
    }

    static Digest digest(Path file) throws IOException {
        MessageDigest md;
        try {
            md = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
        long n = 0;
        byte[] buf = new byte[BUFFER];
        try (InputStream in = Files.newInputStream(file)) {
            for (int r = in.read(buf); r >= 0; r = in.read(buf)) {
                md.update(buf, 0, r);
                n += r;
            }
        }
        return new Digest(n, HexFormat.of().formatHex(md.digest()));
    }

    public void write(Path checkpointDir) throws IOException {
        ObjectNode o = JSON.createObjectNode();
        o.put("format", FORMAT);
        o.put("location", location);
        ObjectNode fs = o.putObject("files");
        files.forEach((name, d) -> fs.putObject(name).put("bytes", d.bytes()).put("sha256", d.sha256()));
        Files.writeString(checkpointDir.resolve(FILE), JSON.writerWithDefaultPrettyPrinter().writeValueAsString(o));
    }

    /** The reference in a training checkpoint, or null when it holds its base itself. */
    public static BaseReference read(Path checkpointDir) throws IOException {
        Path f = checkpointDir.resolve(FILE);
        if (!Files.isRegularFile(f)) {
            return null;
        }
        JsonNode o = JSON.readTree(f.toFile());
        if (o.path("format").asInt() != FORMAT || !o.path("location").isTextual() || !o.path("files").isObject()
                || o.path("files").isEmpty()) {
            throw new IOException(f + ": not a base reference of format " + FORMAT
                    + " (needs format, location and a non-empty files object)");
        }
        Map<String, Digest> files = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = o.get("files").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode d = e.getValue();
            if (!d.path("bytes").canConvertToLong() || !d.path("sha256").isTextual()) {
                throw new IOException(f + ": file " + e.getKey() + " needs bytes and sha256");
            }
            files.put(e.getKey(), new Digest(d.get("bytes").asLong(), d.get("sha256").asText()));
        }
        return new BaseReference(o.get("location").asText(), files);
    }

    /**
     * The local directory that holds the base: {@code baseDir} when given (a local copy of a remote base),
     * else {@link #location} when that is a local path or a {@code file:} URI.
     */
    public Path resolve(Path baseDir) throws IOException {
        if (baseDir != null) {
            return baseDir;
        }
        if (location.startsWith("file:")) {
            try {
                return Path.of(URI.create(location));
            } catch (IllegalArgumentException e) { // Hadoop's Path.toString does not escape spaces
                return Path.of(location.substring("file:".length()));
            }
        }
        if (SCHEME.matcher(location).find() && !location.matches("^[A-Za-z]:[\\\\/].*")) { // not C:\ on Windows
            throw new IOException("the base model is at " + location + ", not on this machine's file system: copy it "
                    + "to a local directory and pass that directory as the base to resume with");
        }
        return Path.of(location);
    }

    /** Every weight file of the base is in {@code baseDir} with its recorded size and SHA-256. */
    public void verify(Path baseDir) throws IOException {
        for (Map.Entry<String, Digest> e : files.entrySet()) {
            Path f = baseDir.resolve(e.getKey()).normalize();
            if (!f.startsWith(baseDir.normalize())) {
                throw new IOException(FILE + ": file name escapes the base directory: " + e.getKey());
            }
            if (!Files.isRegularFile(f)) {
                throw new IOException("base model file " + f + " is missing (the checkpoint was trained on "
                        + location + ")");
            }
            Digest want = e.getValue();
            // the size first: a changed length needs no hashing to be refused
            long size = Files.size(f);
            Digest got = size == want.bytes() ? digest(f) : new Digest(size, "");
            if (!got.equals(want)) {
                throw new IOException("base model file " + f + " is not the one the checkpoint was trained on ("
                        + location + "): " + got.bytes() + " bytes" + (got.sha256().isEmpty() ? "" : ", SHA-256 "
                        + got.sha256()) + "; expected " + want.bytes() + " bytes, SHA-256 " + want.sha256());
            }
        }
    }
}
