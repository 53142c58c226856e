package org.selfchallenge.bench;

import java.util.Collection;

/**
 * Pass@k estimators over per-task sample counts (n samples, c of them correct).
 *
 * <ul>
 *   <li>Pass@1 = mean over tasks of c/n (Pass@1 averaged over the n samples).</li>
 *   <li>unbiased Pass@k (Chen et al. 2021) = mean over tasks of 1 − C(n−c, k) / C(n, k), computed as
 *       1 − ∏_{i=n−c+1}^{n} (1 − k/i), which never forms a large binomial; it is 1 when n − c &lt; k.</li>
 *   <li>τ-bench pass^k = mean over tasks of C(c, k) / C(n, k) (all k drawn samples succeed), computed as
 *       ∏_{i=0}^{k−1} (c − i)/(n − i).</li>
 * </ul>
 */
public final class PassAtK {
    private PassAtK() {
    }

    /** One task's sample counts. */
    public record Counts(int n, int c) {
        public Counts {
            if (n < 1 || c < 0 || c > n) throw new IllegalArgumentException("need 0 <= c <= n, n >= 1: n=" + n + " c=" + c);
        }
    }

    /** 1 − C(n−c, k)/C(n, k) for one task. */
    public static double passAtK(int n, int c, int k) {
        check(n, c, k);
        if (n - c < k) return 1.0;
        double notAll = 1.0;
        for (int i = n - c + 1; i <= n; i++) notAll *= 1.0 - (double) k / i;
        return 1.0 - notAll;
    }

    /** C(c, k)/C(n, k) for one task. */
    public static double passHatK(int n, int c, int k) {
        check(n, c, k);
        if (c < k) return 0.0;
        double p = 1.0;
        for (int i = 0; i < k; i++) p *= (double) (c - i) / (n - i);
        return p;
    }

    public static double meanPassAtK(Collection<Counts> tasks, int k) {
        if (tasks.isEmpty()) return 0.0;
        double s = 0;
        for (Counts t : tasks) s += passAtK(t.n(), t.c(), k);
        return s / tasks.size();
    }

    public static double meanPassHatK(Collection<Counts> tasks, int k) {
        if (tasks.isEmpty()) return 0.0;
        double s = 0;
        for (Counts t : tasks) s += passHatK(t.n(), t.c(), k);
        return s / tasks.size();
    }

    /** Mean over tasks of c/n; equals {@code meanPassAtK(tasks, 1)}. */
    public static double meanPassAt1(Collection<Counts> tasks) {
        if (tasks.isEmpty()) return 0.0;
        double s = 0;
        for (Counts t : tasks) s += (double) t.c() / t.n();
        return s / tasks.size();
    }

    private static void check(int n, int c, int k) {
        if (n < 1 || c < 0 || c > n || k < 1 || k > n) {
            throw new IllegalArgumentException("need 1 <= k <= n and 0 <= c <= n: n=" + n + " c=" + c + " k=" + k);
        }
    }
}
