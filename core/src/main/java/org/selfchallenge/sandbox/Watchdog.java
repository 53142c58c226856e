package org.selfchallenge.sandbox;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One daemon thread per JVM that kills workers whose run passed its wall-clock deadline. Polling
 * (every {@value #TICK_MS} ms) instead of a timer per run keeps the hot path to one volatile write.
 */
final class Watchdog implements Runnable {
    static final long TICK_MS = 10;
    static final Watchdog INSTANCE = new Watchdog();

    private final Set<PythonWorker> workers = ConcurrentHashMap.newKeySet();

    private Watchdog() {
        Thread t = new Thread(this, "sandbox-watchdog");
        t.setDaemon(true);
        t.start();
        // every live worker is registered here: none may outlive the JVM (PDEATHSIG is the backstop)
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            for (PythonWorker w : workers) {
                w.kill();
            }
        }, "sandbox-kill-workers"));
    }

    void watch(PythonWorker w) {
        workers.add(w);
    }

    void unwatch(PythonWorker w) {
        workers.remove(w);
    }

    @Override
    public void run() {
        while (true) {
            try {
                Thread.sleep(TICK_MS);
            } catch (InterruptedException e) {
                return;
            }
            long now = System.nanoTime();
            for (PythonWorker w : workers) {
                if (now - w.deadlineNanos > 0) {
                    w.killByWatchdog();
                }
            }
        }
    }
}
