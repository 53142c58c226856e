package org.selfchallenge.spark;

/**
 * Derives every seed of a run from the root seed and the item's identity, so any row can be
 * reproduced alone: seed = SplitMix64 finaliser of (root ⊕ FNV-1a-64(identity)), with the primitives
 * shared with the episodes' {@link org.selfchallenge.agent.Seeds}.
 */
public final class Seeds {
    private Seeds() {
    }

    public static long derive(long root, String identity) {
        return org.selfchallenge.agent.Seeds.mix(root ^ org.selfchallenge.agent.Seeds.fnv1a(identity));
    }
}
