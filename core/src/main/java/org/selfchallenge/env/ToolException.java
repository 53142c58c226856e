package org.selfchallenge.env;

/**
 * A tool raised, as the upstream Python function would: {@code pythonType} is the exception class
 * name ({@code ValueError}, {@code KeyError}, ...) so the sandbox can re-raise it faithfully inside the
 * model's code, and {@code getMessage()} is {@code str(e)}.
 */
public class ToolException extends RuntimeException {
    private final String pythonType;

    public ToolException(String pythonType, String message) {
        super(message);
        this.pythonType = pythonType;
    }

    public String pythonType() {
        return pythonType;
    }
}
