package org.selfchallenge.pyval;

/**
 * A bound on the work of one expression evaluation that model code asked a tool for ({@code calculate},
 * {@code calculator}). The tool runs in the JVM, where the sandbox's wall-clock limit cannot stop it, so the
 * work itself is bounded instead, deterministically (the same expression always gets the same answer,
 * whatever the machine's load).
 *
 * <p>Work is counted in units: one per bit of every big integer an arithmetic step reads or produces (ints
 * that fit a {@code long} cost nothing) and one per element of every str/list/tuple a step builds or
 * compares. A step that would go over {@link #DEFAULT_UNITS} raises MemoryError. CPython has no such
 * bound: there the same expressions run for seconds to hours ({@code 9**262144 + ...} a thousand times,
 * products of megabit ints, comparisons of megabyte strings), far past any verification deadline, so no
 * task whose upstream tool call finishes in time is affected.
 *
 * <p>Scoped to the evaluating thread ({@link #open}); the arithmetic classes charge through the static
 * {@link #charge}, which is free when no budget is open (parsing JSON, checking answers).
 */
public final class WorkBudget implements AutoCloseable {
    /** About 4M bits of integer work: at most ~0.2 s of BigInteger arithmetic on one core. */
    public static final long DEFAULT_UNITS = 1L << 22;

    private static final ThreadLocal<WorkBudget> CURRENT = new ThreadLocal<>();

    private final long units;
    private long left;
    private final boolean outermost;

    private WorkBudget(long units, boolean outermost) {
        this.units = units;
        this.left = units;
        this.outermost = outermost;
    }

    /**
     * Opens a budget of {@code units} for this thread until {@link #close}. Nested opens (a tool called
     * from inside an evaluation) share the outer budget: the outer caller's bound is the one that holds.
     */
    public static WorkBudget open(long units) {
        if (CURRENT.get() != null) {
            return new WorkBudget(units, false);
        }
        WorkBudget b = new WorkBudget(units, true);
        CURRENT.set(b);
        return b;
    }

    /** Counts {@code n} units against the open budget; MemoryError when it is spent. */
    public static void charge(long n) {
        WorkBudget b = CURRENT.get();
        if (b != null) {
            b.left -= n;
            if (b.left < 0) {
                b.left = 0;
                throw new PyException("MemoryError", "expression too costly to evaluate (over " + b.units
                        + " units of work: bits of big integers, elements of sequences)");
            }
        }
    }

    /** {@link #charge} of a big integer's size; ints that fit a long are free. */
    public static void chargeBits(java.math.BigInteger v) {
        if (v.bitLength() > 63) {
            charge(v.bitLength());
        }
    }

    @Override
    public void close() {
        if (outermost) {
            CURRENT.remove();
        }
    }
}
