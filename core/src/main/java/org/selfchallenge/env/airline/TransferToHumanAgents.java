package org.selfchallenge.env.airline;

import java.util.Map;

/**
 * {@code transfer_to_human_agents}: the terminate tool. It ends the episode and is skipped when the
 * ground-truth actions are replayed for the reward.
 */
final class TransferToHumanAgents extends AirlineTool {
    static final String NAME = "transfer_to_human_agents";

    TransferToHumanAgents() {
        super(NAME, true, "summary");
    }

    @Override
    String run(AirlineTables data, Map<String, Object> a) {
        return "Transfer successful";
    }
}
