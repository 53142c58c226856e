package org.selfchallenge.env;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.selfchallenge.pyval.PyHash;
import org.selfchallenge.pyval.PyJson;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Copy-on-write database over the real retail data: the cached, incremental hash must equal the
 * reference hash and the naive full rendering after any mix of writes and inserts.
 */
class CowDatabaseTest {
    static final String RETAIL = "/org/selfchallenge/data/taubench/retail/";
    static SharedTables shared;
    static String referenceInitialHash;

    @BeforeAll
    static void load() {
        LinkedHashMap<String, Object> data = new LinkedHashMap<>();
        for (String t : List.of("orders", "products", "users")) {
            data.put(t, PyJson.parse(Resources.readString(RETAIL + t + ".json")));
        }
        shared = SharedTables.of(data);
        Map<String, Object> ref = PyJson.parseObject(Resources.readString("/conformance/taubench/retail_reference.json"));
        referenceInitialHash = (String) ref.get("initial_data_hash");
    }

    @Test
    void initialHashMatchesUpstream() {
        CowDatabase db = new CowDatabase(shared);
        assertEquals(referenceInitialHash, db.hash());
        assertEquals(referenceInitialHash, PyHash.hash(db.snapshot()));
    }

    @Test
    @SuppressWarnings("unchecked")
    void incrementalHashEqualsFullRendering() {
        CowDatabase db = new CowDatabase(shared);
        db.write("orders", "#W2611340").put("status", "cancelled");
        List<String> ids = db.ids("users");
        Map<String, Object> first = db.write("users", ids.get(0));
        ((Map<String, Object>) first.get("address")).put("zip", "00000");
        db.write("users", ids.get(ids.size() - 1)).put("email", "x@y");
        db.write("products", db.ids("products").get(3)); // touched but unchanged
        LinkedHashMap<String, Object> rec = new LinkedHashMap<>();
        rec.put("k", 1L);
        db.insert("orders", "#A000", rec);          // sorts first
        db.insert("orders", "#W5555555x", rec);     // middle
        db.insert("users", "zzz", rec);             // last
        String h = db.hash();
        assertEquals(PyHash.hash(db.snapshot()), h);
        assertNotEquals(referenceInitialHash, h);
        assertEquals(1001 + 1, db.size("orders"));
        assertEquals("#W5555555x", db.ids("orders").get(1001));
    }

    @Test
    void freshIsIsolatedAndSharedDataIsFrozen() {
        CowDatabase db = new CowDatabase(shared);
        db.write("orders", "#W2611340").put("status", "x");
        CowDatabase f = db.fresh();
        assertTrue(f.isPristine());
        assertEquals("processed", f.read("orders", "#W2611340").get("status"));
        assertEquals("x", db.read("orders", "#W2611340").get("status"));
        assertThrows(UnsupportedOperationException.class, () -> f.read("orders", "#W2611340").put("status", "y"));
        assertEquals(referenceInitialHash, f.hash());
        assertFalse(f.has("orders", 12L));
        assertFalse(f.has("orders", "#nope"));
    }
}
