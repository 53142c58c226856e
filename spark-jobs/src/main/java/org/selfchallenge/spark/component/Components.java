package org.selfchallenge.spark.component;

import org.selfchallenge.spark.config.PipelineConfig;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the stages plug in: the challenger, the executor-episode runner, policy creation and the
 * trainer. The production wiring is {@link CoreComponents} (the project's real core/tf-models code);
 * integration tests name a test-source implementation in {@code selfchallenge.components}.
 * Implementations need a public no-arg constructor: executors build their own instance by class name.
 * Verification is not here on purpose: it is always the real {@code verify_cat} SQL function.
 */
public interface Components {

    /** The challenger this JVM uses (may be cached; called on executors). */
    TaskChallenger challenger(PipelineConfig cfg);

    /** An executor-episode runner for the policy in {@code localPolicyDir} (called on executors). */
    TaskSolver solver(PipelineConfig cfg, Path localPolicyDir, String policyVersion);

    /**
     * The distillation teacher's episode runner (rounds whose {@code train.schedule} entry is
     * {@code distill}); trajectories are encoded for the student policy in {@code localPolicyDir}.
     * Never used by evaluation.
     */
    default TaskSolver teacher(PipelineConfig cfg, Path localPolicyDir, String policyVersion) {
        throw new UnsupportedOperationException(getClass().getName() + " has no distillation teacher");
    }

    /** Writes the initial policy checkpoint into {@code localDir}; returns its version string. */
    String initPolicy(PipelineConfig cfg, Path localDir);

    /**
     * Trains from {@code policyIn} on the round's trajectories; writes the Hugging Face export to
     * {@code hfOut} and the training state to {@code stateOut}; reports each step to {@code log}.
     */
    TrainReport train(PipelineConfig cfg, Path policyIn, List<org.selfchallenge.spark.io.TrajectoryRecord> data,
                      Path hfOut, Path stateOut, TrainLog log);

    /**
     * Teacher demonstrations for {@code train.algorithm = distill}: each verified task's example solution
     * written as the executor's reply, encoded with the policy's tokenizer (reward 1, all reply tokens
     * trainable). The challenger is the teacher.
     */
    List<org.selfchallenge.spark.io.TrajectoryRecord> demonstrations(PipelineConfig cfg, Path localPolicyDir,
                                                                     List<TaskSolver.SolveInput> tasks);

    /**
     * The policy playing real benchmark tasks ({@code evaluate.benchmarks}): {@code executor} gives the
     * executor model for a task, {@code user} plays the τ-bench customer (called on executors).
     */
    record BenchmarkAgent(java.util.function.Function<org.selfchallenge.bench.BenchmarkTask, org.selfchallenge.llm.ChatModel> executor,
                          org.selfchallenge.llm.ChatModel user) {
    }

    /** The agent for benchmark evaluation with the policy in {@code localPolicyDir}. */
    default BenchmarkAgent benchmarkAgent(PipelineConfig cfg, Path localPolicyDir) {
        throw new UnsupportedOperationException(getClass().getName() + " cannot run evaluate.benchmarks");
    }

    /** Receives one metrics point per optimizer step (loss, reward, ...). */
    interface TrainLog {
        void scalar(String tag, long step, double value);
    }

    /** One instance per class per JVM: executors reuse models and sandboxes across tasks. */
    ConcurrentHashMap<String, Components> INSTANCES = new ConcurrentHashMap<>();

    static Components load(String className) {
        return INSTANCES.computeIfAbsent(className, n -> {
            try {
                return (Components) Class.forName(n, true, Thread.currentThread().getContextClassLoader())
                        .getConstructor().newInstance();
            } catch (ReflectiveOperationException | ClassCastException e) {
                throw new IllegalArgumentException("selfchallenge.components: cannot instantiate " + n
                        + " as " + Components.class.getName() + ": " + e, e);
            }
        });
    }
}
