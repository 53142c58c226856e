package org.selfchallenge.spark;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;
import org.selfchallenge.spark.config.PipelineConfig;
import org.selfchallenge.spark.stage.ChallengeStage;
import org.selfchallenge.spark.stage.EvaluateStage;
import org.selfchallenge.spark.stage.InitPolicyStage;
import org.selfchallenge.spark.stage.SolveStage;
import org.selfchallenge.spark.stage.Stage;
import org.selfchallenge.spark.stage.StageContext;
import org.selfchallenge.spark.stage.TrainStage;
import org.selfchallenge.spark.stage.VerifyStage;

import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The driver: round 0 builds the held-out task set (challenge + verify with held-out seeds), the
 * initial policy and its evaluation; rounds 1..R each run challenge → verify → solve → train →
 * evaluate. Every stage is committed atomically ({@link StageCommitter}); a committed stage is skipped,
 * so re-running the same command resumes a killed run. After every stage {@code metrics.json} is
 * rebuilt from the committed stages' own metrics.
 */
public final class Pipeline {
    /** Stages of round 0 and of every training round, in order. */
    public static final List<Stage> ROUND0 = List.of(new ChallengeStage(), new VerifyStage(), new InitPolicyStage(),
            new EvaluateStage());
    public static final List<Stage> ROUND = List.of(new ChallengeStage(), new VerifyStage(), new SolveStage(),
            new TrainStage(), new EvaluateStage());
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final SparkSession spark;
    private final PipelineConfig cfg;
    private final RunLayout layout;
    private final FileSystem fs;
    private final StageCommitter committer;
    private final Progress progress;
    private final PrintStream out;
    private final List<String> ran = new ArrayList<>();
    private final List<String> skipped = new ArrayList<>();

    public Pipeline(SparkSession spark, PipelineConfig cfg, PrintStream out) {
        this.spark = spark;
        this.cfg = cfg;
        this.out = out;
        this.layout = new RunLayout(cfg.out);
        this.fs = layout.fs(spark.sparkContext().hadoopConfiguration());
        this.committer = new StageCommitter(fs);
        this.progress = new Progress(spark.sparkContext(), cfg.progress, out);
    }

    public RunLayout layout() {
        return layout;
    }

    public List<String> ranStages() {
        return ran;
    }

    public List<String> skippedStages() {
        return skipped;
    }

    /** Runs (or resumes) every round; returns the metrics written to {@code metrics.json}. */
    public Map<String, Object> run() throws Exception {
        fs.mkdirs(layout.root());
        committer.write(new Path(layout.root(), RunLayout.RESOLVED_CONF), cfg.resolvedHocon);
        for (int r = 0; r <= cfg.rounds; r++) {
            for (Stage s : r == 0 ? ROUND0 : ROUND) {
                runStage(s, r);
            }
        }
        return writeMetrics();
    }

    /**
     * Runs the single stage {@code name} of round {@code round} (what one Airflow task does). The stage
     * before it in the run order must be committed.
     */
    public void runOnly(int round, String name) throws Exception {
        if (round < 0 || round > cfg.rounds) {
            throw new IllegalArgumentException("--stage: round " + round + " is outside 0.." + cfg.rounds);
        }
        List<Stage> order = round == 0 ? ROUND0 : ROUND;
        int i = 0;
        while (i < order.size() && !order.get(i).name().equals(name)) {
            i++;
        }
        if (i == order.size()) {
            throw new IllegalArgumentException("--stage: round " + round + " has no stage '" + name + "' (stages: "
                    + order.stream().map(Stage::name).toList() + ")");
        }
        fs.mkdirs(layout.root());
        committer.write(new Path(layout.root(), RunLayout.RESOLVED_CONF), cfg.resolvedHocon);
        Stage prev = i > 0 ? order.get(i - 1) : (round > 0 ? (round == 1 ? ROUND0.get(ROUND0.size() - 1) : ROUND.get(ROUND.size() - 1)) : null);
        int prevRound = i > 0 ? round : round - 1;
        if (prev != null && !committer.isCommitted(layout.stage(prevRound, prev.name()))) {
            throw new IllegalStateException("stage " + round + "/" + name + " needs " + prevRound + "/" + prev.name()
                    + " committed first");
        }
        runStage(order.get(i), round);
    }

    /** Runs one stage unless committed; public for tests that stop between stages. */
    public void runStage(Stage s, int round) throws Exception {
        Path dir = layout.stage(round, s.name());
        String label = "round " + round + " " + s.name();
        if (committer.isCommitted(dir)) {
            out.println("[" + label + "] committed earlier: skipped (" + dir + ")");
            skipped.add(round + "/" + s.name());
            return;
        }
        long t0 = System.nanoTime();
        out.println("[" + label + "] running");
        Path tmp = committer.begin(dir, layout.tmp(round, s.name()));
        StageContext ctx = new StageContext(spark, cfg, layout, round, progress);
        Map<String, Object> m = new LinkedHashMap<>(s.run(ctx, tmp));
        double secs = (System.nanoTime() - t0) / 1e9;
        m.put("seconds", Math.round(secs * 1000) / 1000.0);
        committer.commit(tmp, dir, JSON.writeValueAsString(m));
        ran.add(round + "/" + s.name());
        out.printf("[%s] committed in %.1fs: %s%n", label, secs, dir);
        writeMetrics();
    }

    /** {@code metrics.json}: {"rounds": [{"round": r, <stage metrics merged>...}, ...]} over committed stages. */
    public Map<String, Object> writeMetrics() throws IOException {
        List<Map<String, Object>> rounds = new ArrayList<>();
        for (int r = 0; r <= cfg.rounds; r++) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("round", r);
            for (Stage s : r == 0 ? ROUND0 : ROUND) {
                Path dir = layout.stage(r, s.name());
                if (!committer.isCommitted(dir)) {
                    continue;
                }
                @SuppressWarnings("unchecked")
                Map<String, Object> m = JSON.readValue(committer.readStageJson(dir), Map.class);
                m.remove("seconds");
                for (var e : m.entrySet()) {
                    String key = e.getKey();
                    // Keep the stage's own policy version keys apart.
                    if (key.equals("policy_version")) {
                        key = s.name() + "_policy_version";
                    }
                    row.putIfAbsent(key, e.getValue());
                }
            }
            if (row.size() > 1) {
                rounds.add(row);
            }
        }
        Map<String, Object> metrics = new LinkedHashMap<>();
        metrics.put("run", layout.toString());
        metrics.put("config", RunLayout.RESOLVED_CONF);
        metrics.put("rounds", rounds);
        committer.write(new Path(layout.root(), RunLayout.METRICS_JSON), JSON.writeValueAsString(metrics));
        return metrics;
    }
}
