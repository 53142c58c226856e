package org.selfchallenge.spark.component;

import org.selfchallenge.llm.ChatModel;
import org.selfchallenge.llm.ChatRequest;
import org.selfchallenge.llm.Completion;

import java.util.ArrayList;
import java.util.List;

/**
 * The distillation teacher of the demo (the paper's distillation setting with the procedural challenger
 * as the stronger model): its reply to an executor episode is the task's verified example solution as one
 * code action ({@code ```python ... ```}). It acts in a real {@code ExecutorEpisode} — the code runs in the
 * sandbox and the reward is the task's own {@code evaluate()} — so the student trains on genuine, verified
 * trajectories. Not a policy: it knows the solution and never reads the conversation. After its code
 * action the episode normally ends (the solution submits an answer); if it is asked again it says so.
 */
public final class SolutionTeacher implements ChatModel {
    public static final String ID = "teacher:procedural-solution";
    static final String ALREADY_ANSWERED = "I have already run the solution.";
    private final String solution;
    private int turns;

    /** One teacher per episode: {@code solution} is the verified CaT solution of that task. */
    public SolutionTeacher(String solution) {
        this.solution = solution;
    }

    /** The code action the teacher sends for {@code solution}. */
    public static String codeAction(String solution) {
        return "```python\n" + solution.strip() + "\n```";
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public synchronized List<Completion> complete(List<ChatRequest> batch) {
        List<Completion> out = new ArrayList<>(batch.size());
        for (int i = 0; i < batch.size(); i++) {
            out.add(Completion.textOnly(turns++ == 0 ? codeAction(solution) : ALREADY_ANSWERED));
        }
        return out;
    }
}
