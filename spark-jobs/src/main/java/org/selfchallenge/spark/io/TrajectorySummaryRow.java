package org.selfchallenge.spark.io;

import java.io.Serializable;

/** A row of {@code trajectories_summary} / {@code eval_results} (Parquet): one episode without its tokens. */
public class TrajectorySummaryRow implements Serializable {
    private static final long serialVersionUID = 1L;
    private String trajectoryId;
    private String taskId;
    private String env;
    private int round;
    private int sampleIndex;
    private String policyVersion;
    private long seed;
    private float reward;
    private int tokens;
    private int policyTokens;
    private String outcome;
    private String file;

    public TrajectorySummaryRow() {
    }

    public static TrajectorySummaryRow of(TrajectoryRecord r, String outcome, String file) {
        TrajectorySummaryRow s = new TrajectorySummaryRow();
        s.trajectoryId = r.getTrajectoryId();
        s.taskId = r.getTaskId();
        s.env = r.getEnv();
        s.round = r.getRound();
        s.sampleIndex = r.getSampleIndex();
        s.policyVersion = r.getPolicyVersion();
        s.seed = r.getSeed();
        s.reward = r.getReward();
        s.tokens = r.getTokens().length;
        s.policyTokens = r.policyTokenCount();
        s.outcome = outcome;
        s.file = file;
        return s;
    }

    public String getTrajectoryId() { return trajectoryId; }
    public void setTrajectoryId(String v) { trajectoryId = v; }
    public String getTaskId() { return taskId; }
    public void setTaskId(String v) { taskId = v; }
    public String getEnv() { return env; }
    public void setEnv(String v) { env = v; }
    public int getRound() { return round; }
    public void setRound(int v) { round = v; }
    public int getSampleIndex() { return sampleIndex; }
    public void setSampleIndex(int v) { sampleIndex = v; }
    public String getPolicyVersion() { return policyVersion; }
    public void setPolicyVersion(String v) { policyVersion = v; }
    public long getSeed() { return seed; }
    public void setSeed(long v) { seed = v; }
    public float getReward() { return reward; }
    public void setReward(float v) { reward = v; }
    public int getTokens() { return tokens; }
    public void setTokens(int v) { tokens = v; }
    public int getPolicyTokens() { return policyTokens; }
    public void setPolicyTokens(int v) { policyTokens = v; }
    public String getOutcome() { return outcome; }
    public void setOutcome(String v) { outcome = v; }
    /** Arrow file holding the full trajectory (empty for evaluation rows). */
    public String getFile() { return file; }
    public void setFile(String v) { file = v; }
}
