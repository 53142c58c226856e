package org.selfchallenge.bench.tau;

import java.util.List;

/**
 * A τ-bench task (pydantic {@code Task}; the {@code annotator} field is dropped as pydantic does).
 *
 * @param index       position in its task file
 * @param userId      the simulated user's id
 * @param instruction persona and goal for the user simulator
 * @param actions     ground-truth actions, in order
 * @param outputs     strings some {@code respond} content must contain (may be empty)
 */
public record TauTask(int index, String userId, String instruction, List<TauAction> actions, List<String> outputs) {
    public TauTask {
        actions = List.copyOf(actions);
        outputs = List.copyOf(outputs);
    }
}
