package org.selfchallenge.pyval;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Every case of the upstream-generated {@code python_repr_vectors.json}: str(to_hashable(x)) and its sha256. */
class PythonReprVectorsTest {

    static String resource(String path) throws IOException {
        try (InputStream in = PythonReprVectorsTest.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IOException("missing test resource " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @SuppressWarnings("unchecked")
    @TestFactory
    List<DynamicTest> everyVector() throws IOException {
        List<Object> cases = (List<Object>) PyJson.parse(resource("/conformance/taubench/python_repr_vectors.json"));
        assertEquals(37, cases.size());
        List<DynamicTest> tests = new ArrayList<>();
        for (Object o : cases) {
            Map<String, Object> c = (Map<String, Object>) o;
            String json = (String) c.get("json");
            tests.add(DynamicTest.dynamicTest(json, () -> {
                Object v = PyJson.parse(json);
                String s = PyHash.hashableStr(v);
                assertEquals(c.get("python_str_of_to_hashable"), s);
                assertEquals(c.get("sha256"), PyHash.sha256Hex(s));
                assertEquals(c.get("sha256"), PyHash.hash(v));
                assertEquals(s, PyRepr.str(PyHash.toHashable(v)));
            }));
        }
        return tests;
    }
}
