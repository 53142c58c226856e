package org.selfchallenge.sandbox;

import java.io.IOException;
import java.util.List;
import org.selfchallenge.env.Environment;

/**
 * {@link CodeSession} on a {@link PythonWorkerPool} worker. The worker is taken at the first run and
 * kept until {@link #close()}; a TIMEOUT/CRASH loses it (and the namespace), the next run takes a
 * new one. The episode's code actions share one forked process (its namespace), stopped between actions;
 * {@link #evaluate} ends that process and runs in a fresh one, so session code cannot reach the reward
 * computation, and the next episode starts from a fresh process too.
 */
final class WorkerSession implements CodeSession {
    private final PythonWorkerPool pool;
    private final Environment env;
    private final SandboxLimits limits;
    private final boolean stringConvention;
    private PythonWorker worker;
    private boolean freshNamespace = true;
    private boolean closed;
    private Object answer;
    private boolean hasAnswer;

    WorkerSession(PythonWorkerPool pool, Environment env, SandboxLimits limits) {
        this.pool = pool;
        this.env = env;
        this.limits = limits;
        this.stringConvention = ToolBridge.stringConvention(env);
    }

    @Override
    public RunResult run(String code) {
        if (closed) {
            throw new IllegalStateException("session closed");
        }
        RunResult r = exchange(g -> {
            g.writeStartObject();
            g.writeStringField("op", "run");
            g.writeStringField("code", code);
            g.writeBooleanField("fresh", freshNamespace);
            PythonWorkerPool.writeLimits(g, limits);
            g.writeEndObject();
        });
        freshNamespace = worker == null || r.status() == RunStatus.CRASH;
        if (r.hasAnswer()) {
            answer = r.answer();
            hasAnswer = true;
        }
        return r;
    }

    @Override
    public RunResult evaluate(String evalSource, Object finalAnswer) {
        if (closed) {
            throw new IllegalStateException("session closed");
        }
        String answerJson = finalAnswer == null ? null : WireValues.toText(finalAnswer);
        RunResult r = exchange(g -> {
            g.writeStartObject();
            g.writeStringField("op", "eval");
            g.writeStringField("src", evalSource);
            if (answerJson != null) {
                g.writeStringField("a", answerJson);
            }
            PythonWorkerPool.writeLimits(g, limits);
            g.writeEndObject();
        });
        freshNamespace = true;
        return r;
    }

    private RunResult exchange(PythonWorker.RequestWriter req) {
        if (worker == null) {
            worker = pool.acquire();
            freshNamespace = true;
            if (worker == null) {
                return RunResult.failed(RunStatus.CRASH, pool.unavailableReason(), List.of(), 0);
            }
        }
        PythonWorker.Exchange ex;
        try {
            PythonWorkerPool.bindTools(worker, env);
            ex = worker.exchange(req, c -> env, stringConvention, limits, 1);
        } catch (IOException e) {
            ex = new PythonWorker.Exchange(List.of(RunResult.failed(RunStatus.CRASH,
                    "worker pipe closed: " + e.getMessage(), List.of(), 0)), false);
        }
        if (!ex.completed() || ex.runs().size() != 1) {
            pool.release(worker, true);
            worker = null;
        }
        if (ex.runs().isEmpty()) {
            return RunResult.failed(RunStatus.CRASH, "worker returned no result", List.of(), 0);
        }
        return ex.runs().get(ex.runs().size() - 1);
    }

    @Override
    public Object submittedAnswer() {
        return answer;
    }

    @Override
    public boolean hasSubmittedAnswer() {
        return hasAnswer;
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (worker != null) {
            pool.release(worker, false);
            worker = null;
        }
    }
}
