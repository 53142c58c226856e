package org.selfchallenge.env.retail;

import org.selfchallenge.env.AbstractTauTool;
import org.selfchallenge.env.CowDatabase;

import java.util.Map;

/** {@code transfer_to_human_agents(summary)}: "Transfer successful"; the terminate tool. */
public final class TransferToHumanAgents extends AbstractTauTool {
    public static final String NAME = "transfer_to_human_agents";

    public TransferToHumanAgents() {
        super(NAME, true, "summary");
    }

    @Override
    public String invoke(CowDatabase db, Map<String, Object> kw) {
        return "Transfer successful";
    }
}
