/**
 * Running untrusted Python (challenger tasks, executor actions) outside the JVM.
 *
 * <p>{@link org.selfchallenge.sandbox.CodeRunner} is the engine interface; its one implementation,
 * {@link org.selfchallenge.sandbox.PythonWorkerPool}, keeps long-lived Debian CPython
 * ({@code /usr/bin/python3}) worker processes, each locked down once at start:
 * <ul>
 *   <li>a seccomp allow-list loaded through libseccomp with ctypes, default action EPERM: memory,
 *       signals, clocks, {@code read} on fd 0 and {@code write} on fds 1/2 only — no open, socket,
 *       clone/fork, execve, kill;</li>
 *   <li>rlimits: address space 1 GiB, CPU 3600 s (a backstop), file size 0, 3 descriptors, no core;</li>
 *   <li>an empty environment (only {@code PYTHONHASHSEED=0}, cleared inside), no new imports after
 *       start-up (only the pre-loaded modules listed in the challenger prompt), the worker's own code
 *       on a private builtins dict, and {@code PR_SET_PDEATHSIG} so no worker outlives its JVM.</li>
 * </ul>
 * Java talks JSON lines with the workers (see {@link org.selfchallenge.sandbox.PythonWorker}); every
 * tool call is proxied back to Java, which owns the {@link org.selfchallenge.env.Environment} state,
 * so tools return fresh copies. A watchdog thread kills a worker whose run passes its wall-clock
 * limit; the pool replaces killed, crashed, tainted and worn-out workers in the background.
 *
 * <p>State hygiene: each case and each {@code evaluate()} gets a fresh namespace (and builtins
 * copy); {@code random} is reseeded and the {@code decimal} context reset for code that names them.
 * Code that could reach interpreter internals (dunders, underscore names, frame attributes,
 * {@code sys}/{@code os}/{@code getattr}/..., attribute stores — see
 * {@link org.selfchallenge.sandbox.TaintScanner} and {@code _tainted} in worker.py) still runs
 * inside the jail, but its worker is discarded after that run and later runs use clean workers.
 *
 * <p>Measured alternatives and why this design: the end of the project's platform notes.
 */
package org.selfchallenge.sandbox;
