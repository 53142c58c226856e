package org.selfchallenge.spark;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every {@code %spark.sql} paragraph of every Zeppelin note in {@code notebooks/} runs on Spark SQL
 * against a real run's output (the scripted pipeline), with the note's {@code ${run=...}} form
 * filled in; the learning-curve paragraph returns the run's Pass@1 per round.
 */
class ZeppelinNotesIT extends SharedSparkSession {
    private static final Pattern FORM = Pattern.compile("\\$\\{run=[^}]*}");

    static Path notebooks() {
        Path p = Path.of("").toAbsolutePath();
        while (p != null && !Files.isDirectory(p.resolve("notebooks"))) {
            p = p.getParent();
        }
        assertTrue(p != null, "notebooks/ not found above " + Path.of("").toAbsolutePath());
        return p.resolve("notebooks");
    }

    @Test
    void everySqlParagraphRunsAgainstARun() throws Exception {
        Path out = ScriptedRun.completed(spark());
        Map<String, List<Row>> results = new LinkedHashMap<>();
        List<Path> notes = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(notebooks(), "*.zpln")) {
            ds.forEach(notes::add);
        }
        assertFalse(notes.isEmpty());
        for (Path note : notes) {
            JsonNode root = new ObjectMapper().readTree(note.toFile());
            for (JsonNode p : root.get("paragraphs")) {
                String text = p.get("text").asText();
                if (!text.startsWith("%spark.sql")) {
                    continue;
                }
                String sql = FORM.matcher(text.substring(text.indexOf('\n') + 1))
                        .replaceAll(Matcher.quoteReplacement(out.toString()));
                results.put(p.get("id").asText(), spark().sql(sql).collectAsList());
            }
        }
        assertTrue(results.size() >= 5, results.keySet().toString());
        results.forEach((id, rows) -> assertFalse(rows.isEmpty(), id + " returned no rows"));
        // Learning curve of the scripted run: 0.0 before training, 1.0 after rounds 1 and 2, 2 tasks each.
        assertEquals("[[0,0.0,2], [1,1.0,2], [2,1.0,2]]", results.get("p-pass1").toString());
    }
}
