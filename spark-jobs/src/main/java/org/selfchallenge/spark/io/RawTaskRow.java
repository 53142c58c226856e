package org.selfchallenge.spark.io;

import java.io.Serializable;

/**
 * A row of {@code tasks_raw} (Parquet, schema version 1): one challenger episode's raw CaT text,
 * its exploration trace and lineage.
 */
public class RawTaskRow implements Serializable {
    private static final long serialVersionUID = 1L;
    private String taskId;
    private String env;
    private int round;
    private long episode;
    private long seed;
    private String challengerId;
    private String text;
    private String trace;
    private String error;

    public RawTaskRow() {
    }

    public String getTaskId() { return taskId; }
    public void setTaskId(String v) { taskId = v; }
    public String getEnv() { return env; }
    public void setEnv(String v) { env = v; }
    public int getRound() { return round; }
    public void setRound(int v) { round = v; }
    public long getEpisode() { return episode; }
    public void setEpisode(long v) { episode = v; }
    public long getSeed() { return seed; }
    public void setSeed(long v) { seed = v; }
    public String getChallengerId() { return challengerId; }
    public void setChallengerId(String v) { challengerId = v; }
    public String getText() { return text; }
    public void setText(String v) { text = v; }
    public String getTrace() { return trace; }
    public void setTrace(String v) { trace = v; }
    /** Set when the challenger episode itself failed (the row is kept; verify rejects its empty text). */
    public String getError() { return error; }
    public void setError(String v) { error = v; }
}
