package org.selfchallenge.sandbox;

/**
 * A multi-turn code session bound to one live environment (see {@link CodeRunner#open}). Not
 * thread-safe: one episode = one thread. Nothing of a session survives {@link #close()}: the
 * namespace is dropped, and a worker that ran code touching interpreter internals is replaced.
 */
public interface CodeSession extends AutoCloseable {

    /**
     * Runs one code action in the session namespace (variables persist to the next call). The
     * observation for the agent is {@code stdout} (+ {@code error} when not OK). A TIMEOUT or CRASH
     * loses the namespace: later runs start from an empty one (the environment state is kept).
     */
    RunResult run(String code);

    /**
     * Runs the task's evaluation function in a fresh namespace against the environment's current
     * state and returns {@code evaluate()}'s outcome; {@code final_answer()} returns
     * {@code finalAnswer} (a Python value; null = None), in a process of its own that ran nothing
     * else, so session code cannot tamper with the reward. Ends the session's namespace (later
     * {@link #run} calls start empty).
     */
    RunResult evaluate(String evalSource, Object finalAnswer);

    /** The answer most recently passed to {@code submit_answer(x)} in this session, or null. */
    Object submittedAnswer();

    /** Whether {@code submit_answer} was called in this session. */
    boolean hasSubmittedAnswer();

    /** Returns the worker to the pool (or discards it). Idempotent. */
    @Override
    void close();
}
