package org.selfchallenge.policy.model;

import org.tensorflow.types.TFloat32;

import java.util.List;

/**
 * Per-layer key/value tensors [B, Hkv, P, D] kept native (never copied to the Java heap) between decode
 * steps. Owns its tensors: close it (or hand it to the next step, which closes it).
 * <p>Two parts per layer, so that a decode step does not copy the whole cache: the main part [B, Hkv, P0, D]
 * passes unchanged from step to step, and only the recent part [B, Hkv, R, D] (R &lt; a block of steps) grows by
 * one position per step; when it is full it is merged into the main part (one O(P) copy per block instead of
 * one per step). Keys are in cache order: main, then recent.
 */
public final class KvCache implements AutoCloseable {
    final List<TFloat32> keys;
    final List<TFloat32> values;
    /** Recent part, or null when empty (R = 0). */
    final List<TFloat32> recentKeys;
    final List<TFloat32> recentValues;
    /** Cached length P = P0 + R. */
    public final int length;
    /** Length of the main part P0. */
    final int mainLength;
    private boolean closed;

    KvCache(List<TFloat32> keys, List<TFloat32> values, int length) {
        this(keys, values, null, null, length, length);
    }

    KvCache(List<TFloat32> keys, List<TFloat32> values, List<TFloat32> recentKeys, List<TFloat32> recentValues,
            int length, int mainLength) {
        this.keys = keys;
        this.values = values;
        this.recentKeys = recentKeys;
        this.recentValues = recentValues;
        this.length = length;
        this.mainLength = mainLength;
    }

    int recentLength() {
        return length - mainLength;
    }

    /**
     * Closes the recent part only: the main part now belongs to the next step's cache, so a later close() of
     * this (consumed) cache must not touch it.
     */
    synchronized void handOverMain() {
        if (!closed) {
            closed = true;
            closeRecent();
        }
    }

    private void closeRecent() {
        if (recentKeys != null) {
            recentKeys.forEach(TFloat32::close);
            recentValues.forEach(TFloat32::close);
        }
    }

    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            keys.forEach(TFloat32::close);
            values.forEach(TFloat32::close);
            closeRecent();
        }
    }
}
