package org.selfchallenge.sandbox;

/** The sandbox cannot start on this machine (missing CPython or libseccomp); the message says what to install. */
public class SandboxUnavailableException extends RuntimeException {
    public SandboxUnavailableException(String message) {
        super(message);
    }

    public SandboxUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
