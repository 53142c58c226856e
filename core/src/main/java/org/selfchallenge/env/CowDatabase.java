package org.selfchallenge.env;

import org.selfchallenge.pyval.PyException;
import org.selfchallenge.pyval.PyHash;
import org.selfchallenge.pyval.PyRepr;
import org.selfchallenge.pyval.PyValues;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One environment's database: the shared, frozen {@link SharedTables} plus a private overlay of the
 * records this instance has written (copy-on-write at record granularity). A new instance costs one
 * object allocation; the first write to a record deep-copies that one record (~1 µs for an order).
 *
 * <p>Rules for tools: read with {@link #read}, and before mutating a record get its private copy with
 * {@link #write} (re-fetch nested dicts from the returned map; never mutate what {@code read} returned).
 * New records go through {@link #insert}. Python dict order is kept: an overlaid record keeps its
 * table position, inserted ids go last.
 *
 * <p>Not thread-safe (one instance per episode / verification run); the shared tables are.
 */
public final class CowDatabase {
    private final SharedTables base;
    /** table → id → private mutable record (overlay). Null until the first write. */
    private HashMap<String, HashMap<String, Map<String, Object>>> overlay;
    /** table → ids not in the initial data, in insertion order. */
    private HashMap<String, ArrayList<String>> added;

    public CowDatabase(SharedTables base) {
        this.base = base;
    }

    /** A new database holding the initial state (not this instance's writes). */
    public CowDatabase fresh() {
        return new CowDatabase(base);
    }

    /**
     * An independent copy of the <em>current</em> state (e.g. to branch an exploration): shares the
     * initial data, deep-copies only the records this instance wrote.
     */
    public CowDatabase fork() {
        CowDatabase c = new CowDatabase(base);
        if (overlay != null) {
            c.overlay = new HashMap<>(overlay.size() * 2);
            for (Map.Entry<String, HashMap<String, Map<String, Object>>> t : overlay.entrySet()) {
                HashMap<String, Map<String, Object>> rows = new HashMap<>(t.getValue().size() * 2);
                for (Map.Entry<String, Map<String, Object>> r : t.getValue().entrySet()) {
                    rows.put(r.getKey(), PyValues.deepCopy(r.getValue()));
                }
                c.overlay.put(t.getKey(), rows);
            }
        }
        if (added != null) {
            c.added = new HashMap<>();
            added.forEach((k, v) -> c.added.put(k, new ArrayList<>(v)));
        }
        return c;
    }

    public SharedTables base() {
        return base;
    }

    /** True when no record has been written since creation (the hash is then the cached initial one). */
    public boolean isPristine() {
        return overlay == null;
    }

    private Map<String, Object> overlaid(String table, Object id) {
        if (overlay == null) {
            return null;
        }
        HashMap<String, Map<String, Object>> t = overlay.get(table);
        return t == null ? null : t.get(id);
    }

    /**
     * Python {@code id in data[table]}: a non-str id is never found; a list or dict id raises
     * TypeError (unhashable), as in Python.
     */
    public boolean has(String table, Object id) {
        return read(table, id) != null;
    }

    /**
     * The record for {@code id}, or null: a read-only view for initial records, the private copy if
     * this instance wrote it. Callers must not mutate the result.
     */
    public Map<String, Object> read(String table, Object id) {
        if (!(id instanceof String)) {
            base.table(table);
            if (id instanceof List || id instanceof Map) {
                // Python: `[...] in some_dict` raises before any lookup.
                throw new PyException("TypeError", "unhashable type: '" + PyRepr.typeName(id) + "'");
            }
            return null;
        }
        Map<String, Object> r = overlaid(table, id);
        if (r != null) {
            return r;
        }
        return base.table(table).records.get(id);
    }

    /**
     * The private, mutable copy of a record (deep-copied from the shared data on first call).
     *
     * @throws IllegalArgumentException if the record does not exist (callers check first, as Python
     *                                  would raise KeyError)
     */
    public Map<String, Object> write(String table, Object id) {
        Map<String, Object> r = overlaid(table, id);
        if (r != null) {
            return r;
        }
        Map<String, Object> shared = id instanceof String ? base.table(table).records.get(id) : null;
        if (shared == null) {
            throw new IllegalArgumentException("no record " + PyRepr.repr(id) + " in table " + table);
        }
        Map<String, Object> copy = PyValues.deepCopy(shared);
        overlayTable(table).put((String) id, copy);
        return copy;
    }

    private HashMap<String, Map<String, Object>> overlayTable(String table) {
        if (overlay == null) {
            overlay = new HashMap<>(8);
        }
        return overlay.computeIfAbsent(table, k -> new HashMap<>());
    }

    /**
     * {@code data[table][id] = record}: replaces an existing record in place (keeping its position) or
     * appends a new id. The record is stored as given (the caller hands over ownership).
     */
    public void insert(String table, String id, Map<String, Object> record) {
        SharedTables.Table t = base.table(table);
        boolean exists = t.records.containsKey(id) || overlaid(table, id) != null;
        overlayTable(table).put(id, record);
        if (!exists) {
            if (added == null) {
                added = new HashMap<>(4);
            }
            added.computeIfAbsent(table, k -> new ArrayList<>()).add(id);
        }
    }

    /** Ids of a table in Python dict order (file order, then inserted ids). */
    public List<String> ids(String table) {
        SharedTables.Table t = base.table(table);
        List<String> extra = added == null ? null : added.get(table);
        if (extra == null) {
            return Collections.unmodifiableList(Arrays.asList(t.ids));
        }
        ArrayList<String> all = new ArrayList<>(t.ids.length + extra.size());
        all.addAll(Arrays.asList(t.ids));
        all.addAll(extra);
        return all;
    }

    public int size(String table) {
        List<String> extra = added == null ? null : added.get(table);
        return base.table(table).ids.length + (extra == null ? 0 : extra.size());
    }

    /** Number of records this instance holds privately (written or inserted). */
    public int touchedRecords() {
        if (overlay == null) {
            return 0;
        }
        int n = 0;
        for (HashMap<String, Map<String, Object>> t : overlay.values()) {
            n += t.size();
        }
        return n;
    }

    /** The whole current state as a mutable Python value {@code {table: {id: record}}} (a deep copy). */
    public LinkedHashMap<String, Object> snapshot() {
        LinkedHashMap<String, Object> out = new LinkedHashMap<>();
        for (String table : base.tableNames()) {
            LinkedHashMap<String, Object> rows = new LinkedHashMap<>();
            for (String id : ids(table)) {
                rows.put(id, PyValues.deepCopy(read(table, id)));
            }
            out.put(table, rows);
        }
        return out;
    }

    /** sha256 hex of {@code str(to_hashable(data))}, equal to τ-bench's {@code get_data_hash()}. */
    public String hash() {
        if (overlay == null) {
            return base.initialHash();
        }
        return computeHash();
    }

    /**
     * Streams {@code (('name1', ((id, rec), …)), ('name2', …))} into sha256: cached bytes for runs of
     * untouched records, a fresh rendering for overlaid ones, inserted ids merged in sorted position.
     * The digest does not start from byte 0: it resumes from the checkpoint (a saved sha256 state,
     * see {@link SharedTables.Checkpoints}) just before the first modified record, since everything
     * before it is identical to the initial data.
     */
    String computeHash() {
        String[] names = base.sortedTableNames();
        // First (in hash order) table with a modification, and the first modified sorted position in it.
        int ft = -1;
        int firstPos = 0;
        for (int ti = 0; ti < names.length && ft < 0; ti++) {
            int p = firstModifiedPosition(base.table(names[ti]));
            if (p >= 0) {
                ft = ti;
                firstPos = p;
            }
        }
        if (ft < 0) {
            return base.initialHash();
        }
        SharedTables.Checkpoints cp = base.checkpoints();
        SharedTables.Table first = base.table(names[ft]);
        int from = cp.checkpointAtOrBefore(first, firstPos);
        MessageDigest md = cp.state(ft, from);
        StringBuilder sb = new StringBuilder(4096);
        for (int ti = ft; ti < names.length; ti++) {
            SharedTables.Table t = base.table(names[ti]);
            if (ti > ft) {
                md.update(SharedTables.SEP);
                md.update(SharedTables.tableHeader(t.name));
            }
            int n = hashTable(md, t, sb, ti == ft ? from : 0);
            md.update(n == 1 ? SharedTables.ONE_CLOSE : SharedTables.CLOSE);
            md.update(SharedTables.CLOSE);
        }
        md.update(names.length == 1 ? SharedTables.ONE_CLOSE : SharedTables.CLOSE);
        return PyHash.hex(md.digest());
    }

    /** Smallest sorted position in {@code t} that differs from the initial data, or -1 if none. */
    private int firstModifiedPosition(SharedTables.Table t) {
        HashMap<String, Map<String, Object>> over = overlay == null ? null : overlay.get(t.name);
        List<String> extra = added == null ? null : added.get(t.name);
        int best = Integer.MAX_VALUE;
        if (over != null) {
            for (String id : over.keySet()) {
                Integer i = t.sortedIndex.get(id);
                if (i != null && i < best) {
                    best = i;
                }
            }
        }
        if (extra != null) {
            for (String id : extra) {
                int pos = Arrays.binarySearch(t.sortedIds, id, PyHash.CODE_POINT_ORDER);
                int at = pos >= 0 ? pos : -pos - 1;
                if (at < best) {
                    best = at;
                }
            }
        }
        return best == Integer.MAX_VALUE ? -1 : best;
    }

    /**
     * Streams one table's records tuple body starting at initial record {@code from} (sorted index;
     * the digest already holds everything before it, including the separator); returns the total
     * number of records in the table.
     */
    private int hashTable(MessageDigest md, SharedTables.Table t, StringBuilder sb, int from) {
        HashMap<String, Map<String, Object>> over = overlay == null ? null : overlay.get(t.name);
        List<String> extra = added == null ? null : added.get(t.name);
        SharedTables.Rendered r = t.rendered();
        int[] touched = over == null ? new int[0] : over.keySet().stream()
                .map(t.sortedIndex::get).filter(java.util.Objects::nonNull).mapToInt(Integer::intValue)
                .filter(i -> i >= from).sorted().toArray();
        String[] ins = extra == null ? new String[0] : extra.toArray(new String[0]);
        Arrays.sort(ins, PyHash.CODE_POINT_ORDER);

        int n = t.sortedIds.length + ins.length;
        boolean needSep = false; // the checkpoint already contains the separator before record `from`
        int next = from; // next initial record (sorted index) not yet written
        int ti = 0;      // next touched position
        int ii = 0;      // next inserted id
        while (next < t.sortedIds.length || ii < ins.length) {
            // Write an inserted id if it sorts before the next initial record.
            if (ii < ins.length && (next >= t.sortedIds.length
                    || PyHash.compareCodePoints(ins[ii], t.sortedIds[next]) < 0)) {
                if (needSep) {
                    md.update(SharedTables.SEP);
                }
                needSep = true;
                renderInto(md, sb, ins[ii], over.get(ins[ii]));
                ii++;
                continue;
            }
            if (ti < touched.length && touched[ti] == next) {
                if (needSep) {
                    md.update(SharedTables.SEP);
                }
                needSep = true;
                renderInto(md, sb, t.sortedIds[next], over.get(t.sortedIds[next]));
                ti++;
                next++;
                continue;
            }
            // A run of cached initial records: up to the next touched one or the next inserted id.
            int stop = ti < touched.length ? touched[ti] : t.sortedIds.length;
            if (ii < ins.length) {
                int pos = Arrays.binarySearch(t.sortedIds, next, stop, ins[ii], PyHash.CODE_POINT_ORDER);
                int insertAt = pos >= 0 ? pos : -pos - 1;
                stop = Math.min(stop, insertAt);
            }
            if (needSep) {
                md.update(SharedTables.SEP);
            }
            needSep = true;
            SharedTables.updateRange(md, r.body(), r.start()[next], r.end(stop - 1));
            next = stop;
        }
        return n;
    }

    private static void renderInto(MessageDigest md, StringBuilder sb, String id, Map<String, Object> rec) {
        sb.setLength(0);
        SharedTables.appendPair(sb, id, rec);
        md.update(sb.toString().getBytes(StandardCharsets.UTF_8));
    }
}
