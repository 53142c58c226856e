/**
 * Running untrusted Python (challenger tasks, executor actions) outside the JVM.
 *
 * <p>{@link org.selfchallenge.sandbox.CodeRunner} is the engine interface; its one implementation,
 * {@link org.selfchallenge.sandbox.PythonWorkerPool}, keeps long-lived Debian CPython
 * ({@code /usr/bin/python3}) fork servers ({@code worker.py}). The trust boundary is the process:
 * <ul>
 *   <li>every run of model code (a case, each {@code evaluate()}, one executor episode's code actions)
 *       runs in a child forked for it alone from a template process that was forked before any request,
 *       so its memory holds nothing of another run; it is never reused (an episode's child is stopped
 *       between its actions and killed at its end);</li>
 *   <li>the server that talks to Java never runs model code: it relays each child's tool calls under
 *       the case it bound that child to, and rebuilds the child's one result from checked fields, so a
 *       run can only misreport itself; {@code evaluate()} learns only the final answer and the
 *       environment state (Java owns both), never which case it judges;</li>
 *   <li>the server and its children live in new user, mount, network and IPC namespaces whose root is
 *       an empty read-only tmpfs ({@link org.selfchallenge.sandbox.PythonWorkerPool#NAMESPACES_PROPERTY});</li>
 *   <li>defence in depth inside each child: a seccomp allow-list through libseccomp (default EPERM:
 *       memory, signals masks, clocks, {@code read} on fd 0 and {@code write} on fd 1 only — no open,
 *       stat, socket, fork, execve, kill), rlimits (address space 1 GiB, CPU, no files, 2
 *       descriptors), an empty environment, no new imports, {@code PR_SET_PDEATHSIG}.</li>
 * </ul>
 * A watchdog thread kills a worker whose run passes its wall-clock limit; the pool replaces killed and
 * worn-out workers in the background. Measured costs: README, "The sandbox".
 */
package org.selfchallenge.sandbox;
