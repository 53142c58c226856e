package org.selfchallenge.env;

import org.selfchallenge.pyval.PyHash;
import org.selfchallenge.pyval.PyRepr;
import org.selfchallenge.pyval.PyValues;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The initial database of a τ-bench-style environment, shared read-only by every {@link CowDatabase}
 * (and so by every environment instance and thread) of one JVM: top-level tables (e.g. {@code orders},
 * {@code products}, {@code users}) mapping a record id to a record dict.
 *
 * <p>Records are deep-frozen (unmodifiable views), so a tool that writes without
 * {@link CowDatabase#write} fails with {@link UnsupportedOperationException} instead of silently
 * corrupting the other environments.
 *
 * <p>For the state hash, each table's {@code str(to_hashable(table))} body is rendered once, lazily, as
 * one UTF-8 byte array {@code "('id1', rec1), ('id2', rec2), …"} in sorted-id order with the offset of
 * every record. A hash of a modified database then streams the cached bytes between the touched
 * records and renders only those.
 */
public final class SharedTables {

    /** One table: ids in file order, frozen records, and the lazily rendered hash body. */
    static final class Table {
        final String name;
        final String[] ids;                    // file (insertion) order
        final Map<String, Map<String, Object>> records;
        final String[] sortedIds;              // code-point order, as Python's sorted()
        final Map<String, Integer> sortedIndex;
        private volatile Rendered rendered;

        Table(String name, String[] ids, Map<String, Map<String, Object>> records) {
            this.name = name;
            this.ids = ids;
            this.records = records;
            this.sortedIds = ids.clone();
            Arrays.sort(sortedIds, PyHash.CODE_POINT_ORDER);
            HashMap<String, Integer> idx = new HashMap<>(ids.length * 2);
            for (int i = 0; i < sortedIds.length; i++) {
                idx.put(sortedIds[i], i);
            }
            this.sortedIndex = idx;
        }

        Rendered rendered() {
            Rendered r = rendered;
            if (r == null) {
                synchronized (this) {
                    r = rendered;
                    if (r == null) {
                        r = render();
                        rendered = r;
                    }
                }
            }
            return r;
        }

        private Rendered render() {
            StringBuilder sb = new StringBuilder(1 << 16);
            int[] start = new int[sortedIds.length + 1];
            // Offsets are in bytes: render each pair, then convert (data may be non-ASCII).
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(1 << 20);
            for (int i = 0; i < sortedIds.length; i++) {
                if (i > 0) {
                    out.writeBytes(SEP);
                }
                start[i] = out.size();
                sb.setLength(0);
                appendPair(sb, sortedIds[i], records.get(sortedIds[i]));
                out.writeBytes(sb.toString().getBytes(StandardCharsets.UTF_8));
            }
            start[sortedIds.length] = out.size();
            return new Rendered(out.toByteArray(), start);
        }
    }

    /**
     * {@code body[start[i] .. start[i+1])} is record i's pair followed (except for the last) by
     * {@code ", "} — more precisely pair i occupies {@code [start[i], end(i))} where end(i) is
     * {@code start[i+1] - 2} for i &lt; n-1 and {@code start[n]} for the last one.
     */
    record Rendered(byte[] body, int[] start) {
        int end(int i) {
            return i + 1 < start.length - 1 ? start[i + 1] - SEP.length : start[i + 1];
        }
    }

    static final byte[] SEP = ", ".getBytes(StandardCharsets.US_ASCII);
    static final byte[] OPEN = "(".getBytes(StandardCharsets.US_ASCII);
    static final byte[] CLOSE = ")".getBytes(StandardCharsets.US_ASCII);
    static final byte[] ONE_CLOSE = ",)".getBytes(StandardCharsets.US_ASCII);

    /** {@code ('name', (} — what precedes a table's records in the hash input. */
    static byte[] tableHeader(String name) {
        StringBuilder sb = new StringBuilder("(");
        PyRepr.appendStr(sb, name);
        return sb.append(", (").toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Records between two saved sha256 states. */
    static final int CHECKPOINT_EVERY = 8;

    /**
     * Saved sha256 states of the initial data's hash input: for table ti (sorted order) and initial
     * record i (a multiple of {@link #CHECKPOINT_EVERY}), the digest after every byte that precedes
     * record i, including its separator. A modified database resumes hashing from the last checkpoint
     * before its first modified record instead of from byte 0.
     */
    static final class Checkpoints {
        private final MessageDigest[][] states;

        Checkpoints(SharedTables tables) {
            String[] names = tables.sortedTableNames;
            states = new MessageDigest[names.length][];
            MessageDigest md = PyHash.sha256();
            md.update(OPEN);
            for (int ti = 0; ti < names.length; ti++) {
                Table t = tables.table(names[ti]);
                if (ti > 0) {
                    md.update(SEP);
                }
                md.update(tableHeader(t.name));
                Rendered r = t.rendered();
                int n = t.sortedIds.length;
                MessageDigest[] s = new MessageDigest[Math.max(1, (n + CHECKPOINT_EVERY - 1) / CHECKPOINT_EVERY)];
                int pos = 0;
                for (int c = 0; c < s.length; c++) {
                    int at = n == 0 ? 0 : r.start()[c * CHECKPOINT_EVERY];
                    updateRange(md, r.body(), pos, at);
                    pos = at;
                    s[c] = copy(md);
                }
                updateRange(md, r.body(), pos, r.body().length);
                md.update(n == 1 ? ONE_CLOSE : CLOSE);
                md.update(CLOSE);
                states[ti] = s;
            }
        }

        /** The last checkpointed record index ≤ {@code pos} that is a real record (or 0). */
        int checkpointAtOrBefore(Table t, int pos) {
            int last = Math.max(0, t.sortedIds.length - 1);
            return (Math.min(pos, last) / CHECKPOINT_EVERY) * CHECKPOINT_EVERY;
        }

        /** A private copy of the digest state before record {@code record} of table {@code ti}. */
        MessageDigest state(int ti, int record) {
            return copy(states[ti][record / CHECKPOINT_EVERY]);
        }

        private static MessageDigest copy(MessageDigest md) {
            try {
                return (MessageDigest) md.clone();
            } catch (CloneNotSupportedException e) {
                throw new IllegalStateException("the JDK's SHA-256 is cloneable", e);
            }
        }
    }

    private volatile Checkpoints checkpoints;

    Checkpoints checkpoints() {
        Checkpoints c = checkpoints;
        if (c == null) {
            synchronized (this) {
                c = checkpoints;
                if (c == null) {
                    c = new Checkpoints(this);
                    checkpoints = c;
                }
            }
        }
        return c;
    }

    /** Writes {@code ('id', to_hashable(record))} as Python's str() prints it. */
    static void appendPair(StringBuilder sb, String id, Object record) {
        sb.append('(');
        PyRepr.appendStr(sb, id);
        sb.append(", ");
        PyHash.appendHashableStr(sb, record);
        sb.append(')');
    }

    private final String[] tableNames;        // data order
    private final String[] sortedTableNames;
    private final Map<String, Table> tables;
    private volatile String initialHash;

    private SharedTables(LinkedHashMap<String, Table> tables) {
        this.tables = Collections.unmodifiableMap(tables);
        this.tableNames = tables.keySet().toArray(new String[0]);
        this.sortedTableNames = tableNames.clone();
        Arrays.sort(sortedTableNames, PyHash.CODE_POINT_ORDER);
    }

    /**
     * Builds shared tables from {@code {tableName: {id: recordDict}}}; the input is deep-copied and
     * frozen, so the caller may keep or discard it.
     */
    @SuppressWarnings("unchecked")
    public static SharedTables of(Map<String, ?> data) {
        LinkedHashMap<String, Table> out = new LinkedHashMap<>();
        for (Map.Entry<String, ?> t : data.entrySet()) {
            if (!(t.getValue() instanceof Map)) {
                throw new IllegalArgumentException("table '" + t.getKey() + "' is not a JSON object");
            }
            Map<String, Object> rows = (Map<String, Object>) t.getValue();
            String[] ids = new String[rows.size()];
            HashMap<String, Map<String, Object>> recs = new HashMap<>(rows.size() * 2);
            int i = 0;
            for (Map.Entry<String, Object> r : rows.entrySet()) {
                if (!(r.getValue() instanceof Map)) {
                    throw new IllegalArgumentException("record '" + r.getKey() + "' of table '" + t.getKey()
                            + "' is not a JSON object");
                }
                ids[i++] = r.getKey();
                recs.put(r.getKey(), PyValues.freeze((Map<String, Object>) r.getValue()));
            }
            out.put(t.getKey(), new Table(t.getKey(), ids, recs));
        }
        return new SharedTables(out);
    }

    Table table(String name) {
        Table t = tables.get(name);
        if (t == null) {
            throw new IllegalArgumentException("no table '" + name + "'; tables: " + List.of(tableNames));
        }
        return t;
    }

    public List<String> tableNames() {
        return List.of(tableNames);
    }

    String[] sortedTableNames() {
        return sortedTableNames;
    }

    /** Number of records in a table of the initial data. */
    public int size(String table) {
        return table(table).ids.length;
    }

    /** Renders every table's hash body now (otherwise done on the first hash). */
    public void warmUp() {
        for (Table t : tables.values()) {
            t.rendered();
        }
        initialHash();
        checkpoints();
    }

    /** The hash of the untouched initial data (computed once, streaming every table's cached body). */
    public String initialHash() {
        String h = initialHash;
        if (h == null) {
            MessageDigest md = PyHash.sha256();
            md.update(OPEN);
            for (int ti = 0; ti < sortedTableNames.length; ti++) {
                Table t = table(sortedTableNames[ti]);
                if (ti > 0) {
                    md.update(SEP);
                }
                md.update(tableHeader(t.name));
                byte[] body = t.rendered().body();
                updateRange(md, body, 0, body.length);
                md.update(t.ids.length == 1 ? ONE_CLOSE : CLOSE);
                md.update(CLOSE);
            }
            md.update(sortedTableNames.length == 1 ? ONE_CLOSE : CLOSE);
            h = PyHash.hex(md.digest());
            initialHash = h;
        }
        return h;
    }

    /** Streams a whole table's cached body into the digest. */
    static void updateRange(MessageDigest md, byte[] b, int from, int to) {
        if (to > from) {
            md.update(b, from, to - from);
        }
    }
}
