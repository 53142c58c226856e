package org.selfchallenge.spark.io;

import java.io.Serializable;

/**
 * One executor episode as the trainer sees it: the whole conversation as one token sequence, which
 * tokens the policy produced ({@code lossMask == 1}), the sampler's log-probability of each of those
 * tokens (0 elsewhere), the episode's reward, and the lineage needed to reproduce it. A plain bean so
 * it can be a Spark Dataset element; the on-disk form is {@link TrajectoryArrow}.
 */
public class TrajectoryRecord implements Serializable {
    private static final long serialVersionUID = 1L;

    private String trajectoryId;
    private String taskId;
    private String env;
    private int round;
    private int sampleIndex;
    private String policyVersion;
    private long seed;
    private double temperature;
    private double topP;
    private int topK;
    private int maxNewTokens;
    private int[] tokens = new int[0];
    private byte[] lossMask = new byte[0];
    private float[] behaviourLogprobs = new float[0];
    private float reward;
    private String turns;
    private String lineage;

    public TrajectoryRecord() {
    }

    /** {@code <taskId>#<sampleIndex>@r<round>}: deterministic, so a retried task rewrites the same ids. */
    public static String idFor(String taskId, int round, int sampleIndex) {
        return taskId + "#" + sampleIndex + "@r" + round;
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
    public double getTemperature() { return temperature; }
    public void setTemperature(double v) { temperature = v; }
    public double getTopP() { return topP; }
    public void setTopP(double v) { topP = v; }
    public int getTopK() { return topK; }
    public void setTopK(int v) { topK = v; }
    public int getMaxNewTokens() { return maxNewTokens; }
    public void setMaxNewTokens(int v) { maxNewTokens = v; }
    public int[] getTokens() { return tokens; }
    public void setTokens(int[] v) { tokens = v; }
    public byte[] getLossMask() { return lossMask; }
    public void setLossMask(byte[] v) { lossMask = v; }
    public float[] getBehaviourLogprobs() { return behaviourLogprobs; }
    public void setBehaviourLogprobs(float[] v) { behaviourLogprobs = v; }
    public float getReward() { return reward; }
    public void setReward(float v) { reward = v; }
    public String getTurns() { return turns; }
    public void setTurns(String v) { turns = v; }
    public String getLineage() { return lineage; }
    public void setLineage(String v) { lineage = v; }

    /** Number of policy-produced tokens. */
    public int policyTokenCount() {
        int n = 0;
        for (byte b : lossMask) {
            n += b;
        }
        return n;
    }
}
