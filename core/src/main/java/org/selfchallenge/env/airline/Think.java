package org.selfchallenge.env.airline;

import java.util.List;
import java.util.Map;

/** {@code think}: a scratchpad; returns the empty string and changes nothing. */
final class Think extends AirlineTool {

    @Override
    public String name() {
        return "think";
    }

    @Override
    public List<String> parameters() {
        return List.of("thought");
    }

    @Override
    public boolean readOnly() {
        return true;
    }

    @Override
    String run(AirlineTables data, Map<String, Object> a) {
        return "";
    }
}
