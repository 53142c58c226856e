package org.selfchallenge.policy.train;

import java.nio.file.Path;
import java.util.List;

/**
 * Trains the policy in one TF graph-mode session: forward, loss (per {@link TrainConfig#algorithm()}),
 * gradients of every weight ({@code tf.gradients} on explicit variables), global-norm clipping, AdamW.
 * Not thread-safe; one trainer per JVM thread.
 */
public final class PolicyTrainer implements AutoCloseable {

    private PolicyTrainer() {
    }

    /** Opens a Hugging Face checkpoint directory (config.json + safetensors) for training from step 0. */
    public static PolicyTrainer open(Path hfCheckpointDir, TrainConfig config) {
        throw new UnsupportedOperationException("PolicyTrainer.open: implementation in progress");
    }

    /** Resumes from a directory written by {@link #saveCheckpoint(Path)} (its own saved TrainConfig). */
    public static PolicyTrainer resume(Path trainingCheckpointDir) {
        throw new UnsupportedOperationException("PolicyTrainer.resume: implementation in progress");
    }

    /** One optimizer step over the batch (gradient accumulation over micro-batches of the configured size). */
    public TrainMetrics step(List<TrainSequence> batch) {
        throw new UnsupportedOperationException("PolicyTrainer.step: implementation in progress");
    }

    public long stepCount() {
        return 0;
    }

    public long dataCursor() {
        return 0;
    }

    public void setDataCursor(long cursor) {
    }

    public void saveCheckpoint(Path dir) {
        throw new UnsupportedOperationException("in progress");
    }

    public void exportHf(Path dir) {
        throw new UnsupportedOperationException("in progress");
    }

    @Override
    public void close() {
    }
}
