package org.selfchallenge.pyval;

import org.selfchallenge.env.ToolException;

/**
 * A Python exception raised by ported Python code: {@link #pythonType()} is the class name and
 * {@code getMessage()} is {@code str(e)}. A {@link ToolException}, so tool runners turn it into
 * {@code "Error: {str(e)}"} (τ-bench) or re-raise it faithfully (sandbox).
 */
public class PyException extends ToolException {
    public PyException(String pythonType, String message) {
        super(pythonType, message);
    }

    /** {@code KeyError(k)}: {@code str()} of a KeyError is the repr of its key. */
    public static PyException keyError(Object key) {
        return new PyException("KeyError", PyRepr.repr(key));
    }
}
