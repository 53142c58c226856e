package org.selfchallenge.spark.component;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

class OpenPoliciesTest {
    /** A test double for a model: records that it was closed. */
    static final class RecordingModel implements AutoCloseable {
        final String name;
        final List<String> closed;

        RecordingModel(String name, List<String> closed) {
            this.name = name;
            this.closed = closed;
        }

        @Override
        public void close() {
            closed.add(name);
        }
    }

    private final List<String> closed = new ArrayList<>();
    private final List<String> evicted = new ArrayList<>();
    private final AtomicInteger opened = new AtomicInteger();
    private final OpenPolicies<RecordingModel> open = new OpenPolicies<>(2, evicted::add);

    private OpenPolicies.Entry<RecordingModel> lease(String key) {
        return open.lease(key, () -> {
            opened.incrementAndGet();
            return new RecordingModel(key, closed);
        });
    }

    @Test
    void aPolicyIsOpenedOnceAndSharedByItsLeases() {
        OpenPolicies.Entry<RecordingModel> a1 = lease("r1");
        OpenPolicies.Entry<RecordingModel> a2 = lease("r1");
        assertSame(a1.model(), a2.model());
        assertEquals(1, opened.get());
        open.release(a1);
        open.release(a2);
        assertThrows(IllegalStateException.class, () -> open.release(a1));
        assertEquals(List.of(), closed);
    }

    @Test
    void idlePoliciesBeyondTheLimitCloseLeastRecentlyLeasedFirst() {
        open.release(lease("r0"));
        open.release(lease("r1"));
        open.release(lease("r0"));                 // r0 is now the more recent
        open.release(lease("r2"));                 // three open, two kept: r1 goes
        assertEquals(List.of("r1"), closed);
        assertEquals(List.of("r1"), evicted);
        assertEquals(List.of("r0", "r2"), open.keys());
        open.release(lease("r1"));                 // opened again
        assertEquals(4, opened.get());
        assertEquals(List.of("r1", "r0"), closed);
    }

    @Test
    void aLeasedPolicyIsNeverClosedAndGoesOnceItsLastLeaseEnds() {
        OpenPolicies.Entry<RecordingModel> r0 = lease("r0");
        OpenPolicies.Entry<RecordingModel> r1 = lease("r1");
        open.release(lease("r2"));                 // r0 and r1 leased: all three stay open
        assertEquals(List.of(), closed);
        open.release(r0);                          // now r0 is idle and the least recent
        assertEquals(List.of("r0"), closed);
        open.release(r1);
        assertEquals(List.of("r1", "r2"), open.keys());
    }

    @Test
    void aPolicyThatFailsToOpenIsNotKept() {
        assertThrows(IllegalStateException.class, () -> open.lease("bad", () -> {
            throw new IllegalStateException("no config.json");
        }));
        assertEquals(List.of(), open.keys());
        open.release(lease("bad"));                // the next lease opens it again
        assertEquals(List.of("bad"), open.keys());
    }
}
