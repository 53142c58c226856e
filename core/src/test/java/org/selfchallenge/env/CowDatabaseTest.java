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
    void airlineInitialHashMatchesUpstream() {
        String dir = "/org/selfchallenge/data/taubench/airline/";
        LinkedHashMap<String, Object> data = new LinkedHashMap<>();
        for (String t : List.of("flights", "reservations", "users")) {
            data.put(t, PyJson.parse(Resources.readString(dir + t + ".json")));
        }
        Map<String, Object> ref = PyJson.parseObject(Resources.readString("/conformance/taubench/airline_reference.json"));
        assertEquals(ref.get("initial_data_hash"), SharedTables.of(data).initialHash());
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

    /** Random mixes of writes and inserts anywhere (first/last records, checkpoint edges, new ids). */
    @Test
    void incrementalHashEqualsFullRenderingOnRandomEdits() {
        java.util.Random rnd = new java.util.Random(20250613);
        List<String> tables = List.of("orders", "products", "users");
        for (int trial = 0; trial < 25; trial++) {
            CowDatabase db = new CowDatabase(shared);
            int edits = 1 + rnd.nextInt(4);
            for (int e = 0; e < edits; e++) {
                String table = tables.get(rnd.nextInt(3));
                List<String> ids = db.ids(table);
                int kind = rnd.nextInt(4);
                if (kind == 0) {
                    LinkedHashMap<String, Object> rec = new LinkedHashMap<>();
                    rec.put("n", (long) trial);
                    String id = rnd.nextBoolean() ? "!" + trial + "_" + e : "~" + trial + "_" + e; // sorts first / last
                    db.insert(table, rnd.nextBoolean() ? id : ids.get(rnd.nextInt(ids.size())) + "x", rec);
                } else {
                    int i = kind == 1 ? 0 : kind == 2 ? ids.size() - 1 : rnd.nextInt(ids.size());
                    db.write(table, ids.get(i)).put("edited", 0.1 * trial);
                }
            }
            assertEquals(PyHash.hash(db.snapshot()), db.hash(), "trial " + trial);
        }
    }

    /** Threads racing on a new SharedTables' lazy rendering and checkpoints all get the right hashes. */
    @Test
    void concurrentFirstHashesAgree() throws Exception {
        LinkedHashMap<String, Object> data = new LinkedHashMap<>();
        for (String t : List.of("orders", "products", "users")) {
            data.put(t, PyJson.parse(Resources.readString(RETAIL + t + ".json")));
        }
        SharedTables cold = SharedTables.of(data);
        List<String> users = new CowDatabase(shared).ids("users");
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            List<java.util.concurrent.Future<String[]>> results = new java.util.ArrayList<>();
            for (int i = 0; i < 8; i++) {
                String user = users.get(i * 50);
                results.add(pool.submit(() -> {
                    CowDatabase a = new CowDatabase(cold);
                    a.write("users", user).put("email", "e");
                    CowDatabase b = new CowDatabase(shared);
                    b.write("users", user).put("email", "e");
                    return new String[] {a.hash(), b.hash(), PyHash.hash(b.snapshot())};
                }));
            }
            for (java.util.concurrent.Future<String[]> f : results) {
                String[] h = f.get();
                assertEquals(h[2], h[0]);
                assertEquals(h[2], h[1]);
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(referenceInitialHash, cold.initialHash());
    }

    @Test
    void forkCopiesTheCurrentStateIndependently() {
        CowDatabase db = new CowDatabase(shared);
        db.write("orders", "#W2611340").put("status", "x");
        LinkedHashMap<String, Object> rec = new LinkedHashMap<>();
        rec.put("k", 1L);
        db.insert("users", "new_user", rec);
        CowDatabase f = db.fork();
        assertEquals(db.hash(), f.hash());
        f.write("orders", "#W2611340").put("status", "y");
        f.write("users", "new_user").put("k", 2L);
        assertEquals("x", db.read("orders", "#W2611340").get("status"));
        assertEquals(1L, db.read("users", "new_user").get("k"));
        assertEquals(db.ids("users"), f.ids("users"));
        assertEquals(PyHash.hash(f.snapshot()), f.hash());
        assertNotEquals(db.hash(), f.hash());
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
