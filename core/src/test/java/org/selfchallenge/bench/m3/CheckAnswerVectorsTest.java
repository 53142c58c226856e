package org.selfchallenge.bench.m3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.selfchallenge.pyval.PyJson;
import org.selfchallenge.pyval.expr.PyStr;

/** Every case of {@code check_answer_vectors.json} (verdicts of the original Python function). */
class CheckAnswerVectorsTest {
    static final String VECTORS = "/conformance/m3tooleval/check_answer_vectors.json";

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> vectors() throws IOException {
        try (InputStream in = CheckAnswerVectorsTest.class.getResourceAsStream(VECTORS)) {
            assertNotNull(in, VECTORS);
            return (List<Map<String, Object>>) PyJson.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    @Test
    void vectorsCoverEveryTask() throws IOException {
        assertEquals(82, vectors().size());
    }

    @SuppressWarnings("unchecked")
    @TestFactory
    List<DynamicTest> everyVector() throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        for (Map<String, Object> v : vectors()) {
            String name = (String) v.get("name");
            M3Task task = M3Tasks.get().byName(name);
            tests.add(DynamicTest.dynamicTest(name + " repr", () -> {
                assertNotNull(task, name);
                assertEquals(v.get("expected_repr"), PyStr.repr(task.expected()));
            }));
            for (Map.Entry<String, Object> a : ((Map<String, Object>) v.get("answers")).entrySet()) {
                tests.add(DynamicTest.dynamicTest(name + " <- " + PyJson.dumps(a.getKey()),
                        () -> assertEquals(a.getValue(), M3Checker.check(task.expected(), a.getKey()),
                                "answer " + PyJson.dumps(a.getKey()))));
            }
        }
        return tests;
    }
}
