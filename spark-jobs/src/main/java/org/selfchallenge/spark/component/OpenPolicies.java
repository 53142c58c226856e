package org.selfchallenge.spark.component;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The policies open in one executor JVM. Every round trains a new policy, and a real checkpoint takes
 * gigabytes of host or GPU memory (and its local copy as much disk), so an executor that kept each
 * round's model for its whole life would run out of memory after a few rounds. Users lease a policy
 * while they use it (a Spark task until it completes); once more than {@code maxOpen} policies are
 * open, the least recently leased idle ones are closed and handed to {@code onEvict} (which deletes
 * their local copies). A leased policy is never closed, whatever the count, nor is the most recently
 * leased one.
 *
 * @param <M> the model (TfChatModel in production)
 */
final class OpenPolicies<M extends AutoCloseable> {
    /** Policies kept open per JVM: a stage uses at most two (the policy and a simulated user's). */
    static final int MAX_OPEN = 2;

    /** One open (or opening) policy; {@link #model} opens it on first use. */
    static final class Entry<M extends AutoCloseable> {
        private final String key;
        private final Supplier<M> opener;
        private M model;
        private int leases;

        private Entry(String key, Supplier<M> opener) {
            this.key = key;
            this.opener = opener;
        }

        /** The model, opened by the first caller; others wait for it rather than open a second copy. */
        synchronized M model() {
            if (model == null) {
                model = opener.get();
            }
            return model;
        }

        private synchronized void closeIfOpen() throws Exception {
            if (model != null) {
                model.close();
                model = null;
            }
        }
    }

    private final int maxOpen;
    private final Consumer<String> onEvict;
    /** In access order: the first entries are the least recently leased. */
    private final LinkedHashMap<String, Entry<M>> entries = new LinkedHashMap<>(16, 0.75f, true);

    /** @param onEvict called with the key of each policy closed for being idle beyond {@code maxOpen} */
    OpenPolicies(int maxOpen, Consumer<String> onEvict) {
        this.maxOpen = maxOpen;
        this.onEvict = onEvict;
    }

    /** Leases the policy {@code key}, opening it with {@code opener} if it is not open; give it back with {@link #release}. */
    Entry<M> lease(String key, Supplier<M> opener) {
        Entry<M> e;
        synchronized (this) {
            e = entries.computeIfAbsent(key, k -> new Entry<>(k, opener));
            e.leases++;
        }
        try {
            e.model();
        } catch (RuntimeException | Error failed) {
            synchronized (this) {
                if (--e.leases == 0) {
                    entries.remove(key, e); // the next lease tries to open it again
                }
            }
            throw failed;
        }
        return e;
    }

    /** Ends one lease of {@code e}; closes idle policies beyond the limit. */
    void release(Entry<M> e) {
        List<Entry<M>> closing = new ArrayList<>();
        synchronized (this) {
            if (e.leases <= 0) {
                throw new IllegalStateException("policy " + e.key + " released more often than leased");
            }
            e.leases--;
            int open = entries.size();
            // The most recently leased policy stays even when idle: the next tasks most likely want it.
            for (Iterator<Map.Entry<String, Entry<M>>> it = entries.entrySet().iterator(); open > maxOpen; ) {
                Entry<M> idle = it.next().getValue();
                if (!it.hasNext()) {
                    break;
                }
                if (idle.leases == 0) {
                    it.remove();
                    closing.add(idle);
                    open--;
                }
            }
        }
        // Outside the lock: closing a big model or deleting its files must not stall other tasks' leases.
        // Cleanup is best effort: a failure is reported, never turned into a failed task.
        for (Entry<M> idle : closing) {
            try {
                idle.closeIfOpen();
                onEvict.accept(idle.key);
            } catch (Exception ex) {
                System.err.println("warning: could not close idle policy " + idle.key + ": " + ex);
            }
        }
    }

    /** The keys of the open policies, least recently leased first. */
    synchronized List<String> keys() {
        return new ArrayList<>(entries.keySet());
    }
}
