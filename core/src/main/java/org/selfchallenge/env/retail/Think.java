package org.selfchallenge.env.retail;

import org.selfchallenge.env.AbstractTauTool;
import org.selfchallenge.env.CowDatabase;

import java.util.Map;

/** {@code think(thought)}: returns "" and changes nothing. */
public final class Think extends AbstractTauTool {
    public Think() {
        super("think", true, "thought");
    }

    @Override
    public String invoke(CowDatabase db, Map<String, Object> kw) {
        return "";
    }
}
