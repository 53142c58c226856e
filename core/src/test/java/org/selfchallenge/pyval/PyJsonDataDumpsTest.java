package org.selfchallenge.pyval;

import org.junit.jupiter.api.Test;
import org.selfchallenge.env.Resources;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * {@link PyJson#dumps} on every record of the bundled retail and airline data equals CPython's
 * {@code json.dumps} (digests from {@code core/src/test/python/gen_json_dumps_digests.py}); also a
 * parse → dumps round trip of each whole table.
 */
class PyJsonDataDumpsTest {

    @Test
    @SuppressWarnings("unchecked")
    void everyRecordDumpsLikePython() {
        Map<String, Object> ref = PyJson.parseObject(Resources.readString("/conformance/taubench/json_dumps_digests.json"));
        Map<String, Object> tables = (Map<String, Object>) ref.get("tables");
        assertEquals(6, tables.size());
        for (Map.Entry<String, Object> e : tables.entrySet()) {
            Map<String, Object> want = (Map<String, Object>) e.getValue();
            Map<String, Object> data = PyJson.parseObject(
                    Resources.readString(Resources.DATA_ROOT + "taubench/" + e.getKey() + ".json"));
            assertEquals(want.get("records"), (long) data.size(), e.getKey());
            MessageDigest md = PyHash.sha256();
            for (Object rec : data.values()) {
                md.update((PyJson.dumps(rec) + "\n").getBytes(StandardCharsets.UTF_8));
            }
            assertEquals(want.get("records_sha256"), PyHash.hex(md.digest()), e.getKey() + " records");
            assertEquals(want.get("table_sha256"), PyHash.sha256Hex(PyJson.dumps(data)), e.getKey() + " table");
        }
    }
}
