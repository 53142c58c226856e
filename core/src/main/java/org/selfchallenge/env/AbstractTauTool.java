package org.selfchallenge.env;

import java.util.List;

/** Name, parameters and read-only flag of a {@link TauTool}, fixed at construction. */
public abstract class AbstractTauTool implements TauTool {
    private final String name;
    private final boolean readOnly;
    private final List<String> parameters;

    protected AbstractTauTool(String name, boolean readOnly, String... parameters) {
        this.name = name;
        this.readOnly = readOnly;
        this.parameters = List.of(parameters);
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final boolean readOnly() {
        return readOnly;
    }

    @Override
    public final List<String> parameters() {
        return parameters;
    }
}
