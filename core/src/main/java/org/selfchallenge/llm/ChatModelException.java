package org.selfchallenge.llm;

/**
 * A backend could not produce a completion: the server answered with an error status, a malformed
 * body, or did not answer within the timeout after all retries. The message names the endpoint, the
 * status and an excerpt of the body so the operator can act on it; episodes record it as their outcome.
 */
public class ChatModelException extends RuntimeException {
    private final int status;

    public ChatModelException(String message, int status, Throwable cause) {
        super(message, cause);
        this.status = status;
    }

    public ChatModelException(String message) {
        this(message, -1, null);
    }

    /** HTTP status of the last attempt, or -1 when there was none (timeout, connection, parse error). */
    public int status() {
        return status;
    }
}
