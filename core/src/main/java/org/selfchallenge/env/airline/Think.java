package org.selfchallenge.env.airline;

import java.util.Map;

/** {@code think}: a scratchpad; returns the empty string and changes nothing. */
final class Think extends AirlineTool {
    Think() {
        super("think", true, "thought");
    }

    @Override
    String run(AirlineTables data, Map<String, Object> a) {
        return "";
    }
}
