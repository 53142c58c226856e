package org.selfchallenge.agent;

import org.selfchallenge.sandbox.PythonWorkerPool;

/** The default action sandbox: the JVM's shared CPython worker pool with episode limits. */
public final class SandboxFactory {
    private SandboxFactory() {
    }

    /** Fails with a message naming what to install when python3 or libseccomp is missing. */
    public static ActionSandbox open() {
        return new CatActionSandbox(PythonWorkerPool.shared(), CatActionSandbox.defaultLimits(), false);
    }
}
