package org.selfchallenge.policy.model;

import org.tensorflow.types.TFloat32;

import java.util.List;

/**
 * Per-layer key/value tensors [B, Hkv, P, D] kept native (never copied to the Java heap) between decode
 * steps. Owns its tensors: close it (or hand it to the next step, which closes it).
 */
public final class KvCache implements AutoCloseable {
    final List<TFloat32> keys;
    final List<TFloat32> values;
    /** Slots in use (tokens cached). */
    public final int length;
    /** Slots allocated (the tensors' third dimension); equal to length for an append-only cache. */
    public final int capacity;

    KvCache(List<TFloat32> keys, List<TFloat32> values, int length) {
        this(keys, values, length, length);
    }

    KvCache(List<TFloat32> keys, List<TFloat32> values, int length, int capacity) {
        this.keys = keys;
        this.values = values;
        this.length = length;
        this.capacity = capacity;
    }

    @Override
    public void close() {
        keys.forEach(TFloat32::close);
        values.forEach(TFloat32::close);
    }
}
