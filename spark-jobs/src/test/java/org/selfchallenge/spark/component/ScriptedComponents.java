package org.selfchallenge.spark.component;

import org.selfchallenge.agent.SandboxFactory;
import org.selfchallenge.agent.Turn;
import org.selfchallenge.llm.ChatModel;
import org.selfchallenge.llm.ChatRequest;
import org.selfchallenge.llm.Completion;
import org.selfchallenge.llm.SamplingParams;
import org.selfchallenge.spark.config.PipelineConfig;
import org.selfchallenge.spark.io.TrajectoryRecord;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * TEST DOUBLE for {@code selfchallenge.components}: scripted challenger, scripted policy and a
 * counting "trainer", so pipeline tests know every count and reward in advance. What stays real:
 * Spark, the verify_cat UDF (parser + sandbox + verifier), MinHashLSH, the executor episode (code
 * actions run in the sandbox, reward = the task's evaluate()), Arrow/Parquet IO, commits.
 *
 * <p>Challenger, by episode index e (calculation tasks): e%4 = 0 a valid "reverse the text w&lt;e&gt;" task;
 * 1 unparseable text; 2 a task whose failure case equals its solution (FAILURE_CASE_ACCEPTED);
 * 3 the same text as episode e-3 (NEAR_DUPLICATE). Training episode 4 copies held-out episode 0's
 * text (HELDOUT_OVERLAP). Policy "skill" s lives in the checkpoint dir (file {@code skill}): the scripted
 * policy solves sample k iff k is odd or s &gt; 0; init writes s = 0, each training round s + 1.
 * Episodes sleep {@code selfchallenge.test.episode-sleep-ms} (system property) to let tests kill
 * executors mid-stage.
 */
public final class ScriptedComponents implements Components {
    public static final String SKILL_FILE = "skill";

    static String word(PipelineConfig cfg, long episode) {
        return "w" + (episode == 4 ? cfg.heldoutSeedOffset : episode);
    }

    static String validTask(String word) {
        String answer = new StringBuilder(word).reverse().toString();
        return "<instruction>\nReverse the text " + word + " and submit the reversed text as your answer.\n</instruction>\n"
                + "<evaluation_function>\ndef evaluate():\n    return final_answer() == \"" + answer + "\"\n</evaluation_function>\n"
                + "<solution>\nsubmit_answer(reverse_string(\"" + word + "\"))\n</solution>\n"
                + "<failure_case>\nsubmit_answer(\"" + word + "\")\n</failure_case>\n";
    }

    @Override
    public TaskChallenger challenger(PipelineConfig cfg) {
        return new TaskChallenger() {
            @Override
            public String id() {
                return "scripted-challenger";
            }

            @Override
            public ChallengeOutput challenge(String env, long e, long seed) {
                String text = switch ((int) (e % 4)) {
                    case 0 -> validTask(word(cfg, e));
                    case 1 -> "I could not think of a task.";
                    case 2 -> validTask(word(cfg, e)).replace("submit_answer(\"" + word(cfg, e) + "\")",
                            "submit_answer(reverse_string(\"" + word(cfg, e) + "\"))");
                    default -> validTask(word(cfg, e - 3));
                };
                return new ChallengeOutput(text, "[]");
            }
        };
    }

    static int skill(Path dir) {
        try {
            return Integer.parseInt(Files.readString(dir.resolve(SKILL_FILE)).trim());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public TaskSolver solver(PipelineConfig cfg, Path localPolicyDir, String policyVersion) {
        int skill = skill(localPolicyDir);
        long sleep = Long.getLong("selfchallenge.test.episode-sleep-ms", 0L);
        // retail/airline episodes: the scripted user stands in for the policy (user-model = policy) or any model spec
        org.selfchallenge.agent.UserSimulator user = SolveUser.forEnvs(cfg, new ScriptedUser(), spec -> new ScriptedUser());
        return batch -> {
            List<TaskSolver.SolveOutput> out = new ArrayList<>();
            for (TaskSolver.SolveInput in : batch) {
                if (sleep > 0) {
                    try {
                        Thread.sleep(sleep);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                boolean solves = in.sampleIndex() % 2 == 1 || skill > 0;
                ChatModel policy = new ScriptedPolicy(solves ? "```python\n" + in.solution() + "\n```" : "Answer: no idea");
                out.addAll(new EpisodeRunner(policy, SandboxFactory.open(), user, cfg.solveMaxTurns,
                        new SamplingParams(1.0, 1.0, 0, 64, 0L, List.of()), new ByteEncoder()).solve(List.of(in)));
            }
            return out;
        };
    }

    /**
     * Real benchmark tasks: the task's own gold-replay self-check policy (solves it) iff the policy's
     * skill &gt; 0 or the task's position in the benchmark's list is odd, else the no-op policy (declines,
     * so an M3ToolEval task scores 0); the fixed self-check user plays τ-bench customers.
     */
    @Override
    public BenchmarkAgent benchmarkAgent(PipelineConfig cfg, Path localPolicyDir) {
        int skill = skill(localPolicyDir);
        return new BenchmarkAgent(bt -> {
            int index = -1;
            for (String env : cfg.benchmarks) {
                index = Math.max(index, org.selfchallenge.bench.BenchmarkTasks.load(env, cfg.benchmarkSplit).stream()
                        .map(t -> t.task().id()).toList().indexOf(bt.task().id()));
            }
            return skill > 0 || index % 2 == 1 ? bt.goldReplay() : new org.selfchallenge.bench.NoopPolicy();
        }, new org.selfchallenge.bench.SelfCheckUser());
    }

    @Override
    public List<TrajectoryRecord> demonstrations(PipelineConfig cfg, Path localPolicyDir, List<TaskSolver.SolveInput> tasks) {
        List<TrajectoryRecord> out = new ArrayList<>();
        for (TaskSolver.SolveInput t : tasks) {
            TrajectoryRecord r = new TrajectoryRecord();
            r.setTrajectoryId(t.taskId() + "#teacher");
            r.setTaskId(t.taskId());
            r.setEnv(t.env());
            r.setTokens(new int[]{1, 2});
            r.setLossMask(new byte[]{0, 1});
            r.setBehaviourLogprobs(new float[]{0f, 0f});
            r.setReward(1f);
            out.add(r);
        }
        return out;
    }

    @Override
    public String initPolicy(PipelineConfig cfg, Path localDir) {
        write(localDir, 0);
        return "scripted-skill-0";
    }

    private static void write(Path dir, int skill) {
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve(SKILL_FILE), Integer.toString(skill));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public TrainReport train(PipelineConfig cfg, Path policyIn, List<TrajectoryRecord> data, Path hfOut, Path stateOut,
                             TrainLog log) {
        int skill = skill(policyIn) + 1;
        write(hfOut, skill);
        write(stateOut, skill);
        double mean = data.stream().mapToDouble(TrajectoryRecord::getReward).average().orElse(0.0);
        long tokens = data.stream().mapToLong(TrajectoryRecord::policyTokenCount).sum();
        log.scalar("train/loss", 1, 1.0 / (1 + skill));
        log.scalar("train/mean_reward", 1, mean);
        return new TrainReport("scripted-skill-" + skill, data.size(), 1, 1.0 / (1 + skill), mean, tokens, 0.0);
    }

    /** TEST DOUBLE policy: always the same reply. */
    static final class ScriptedPolicy implements ChatModel {
        private final String reply;

        ScriptedPolicy(String reply) {
            this.reply = reply;
        }

        @Override
        public String id() {
            return "scripted-policy";
        }

        @Override
        public List<Completion> complete(List<ChatRequest> batch) {
            return batch.stream().map(r -> Completion.textOnly(reply)).toList();
        }
    }

    /**
     * TEST DOUBLE simulated user: its first reply restates the instruction line of the user-simulator
     * prompt ("Instruction: X" → "Hi! I need this: X"), every later reply is {@link #STOP_REPLY}.
     */
    static final class ScriptedUser implements ChatModel {
        static final String STOP_REPLY = "Thanks, that is all. ###STOP###";

        @Override
        public String id() {
            return "scripted-user";
        }

        @Override
        public List<Completion> complete(List<ChatRequest> batch) {
            List<Completion> out = new ArrayList<>();
            for (ChatRequest r : batch) {
                boolean first = r.messages().stream().noneMatch(m -> m.role().equals("assistant"));
                String instruction = r.messages().get(0).content().lines().filter(l -> l.startsWith("Instruction: "))
                        .findFirst().orElse("Instruction: ?").substring("Instruction: ".length());
                out.add(Completion.textOnly(first ? "Hi! I need this: " + instruction : STOP_REPLY));
            }
            return out;
        }
    }

    /** TEST DOUBLE encoder: one token per UTF-8 byte; policy turns masked in with log-prob -1. */
    static final class ByteEncoder implements TrajectoryEncoder {
        @Override
        public Encoded encode(org.selfchallenge.agent.Trajectory t) {
            List<Integer> tok = new ArrayList<>();
            List<Boolean> pol = new ArrayList<>();
            for (Turn turn : t.turns()) {
                for (byte b : turn.text().getBytes(StandardCharsets.UTF_8)) {
                    tok.add(b & 0xff);
                    pol.add(turn.policy());
                }
            }
            int n = tok.size();
            int[] tokens = new int[n];
            byte[] mask = new byte[n];
            float[] lp = new float[n];
            for (int i = 0; i < n; i++) {
                tokens[i] = tok.get(i);
                mask[i] = (byte) (pol.get(i) ? 1 : 0);
                lp[i] = pol.get(i) ? -1f : 0f;
            }
            return new Encoded(tokens, mask, lp);
        }
    }
}
