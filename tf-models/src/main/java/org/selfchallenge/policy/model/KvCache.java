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
    /** Cached length P. */
    public final int length;

    KvCache(List<TFloat32> keys, List<TFloat32> values, int length) {
        this.keys = keys;
        this.values = values;
        this.length = length;
    }

    @Override
    public void close() {
        keys.forEach(TFloat32::close);
        values.forEach(TFloat32::close);
    }
}
