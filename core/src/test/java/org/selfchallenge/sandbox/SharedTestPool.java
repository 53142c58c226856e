package org.selfchallenge.sandbox;

/** One small pool for all sandbox/verifier tests in the JVM (workers take ~50 ms each to start). */
public final class SharedTestPool {
    private static PythonWorkerPool pool;

    private SharedTestPool() {
    }

    public static synchronized PythonWorkerPool get() {
        if (pool == null) {
            pool = new PythonWorkerPool(PythonWorkerPool.Config.defaults().withSize(4));
            Runtime.getRuntime().addShutdownHook(new Thread(pool::close));
        }
        return pool;
    }
}
