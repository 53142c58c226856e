package org.selfchallenge.spark.component;

import org.apache.spark.TaskContext;
import org.apache.spark.resource.ResourceInformation;
import org.selfchallenge.spark.config.PipelineConfig;

/**
 * TensorFlow devices from the GPUs Spark assigned to a task. {@code policy.device} and
 * {@code train.gpu.device} may say {@link PipelineConfig#ASSIGNED_GPU}: the task then runs on
 * {@code /GPU:N} for the first GPU address N Spark gave it (conf/gpu-discovery.sh reports nvidia-smi
 * indices, and executors run with CUDA_DEVICE_ORDER=PCI_BUS_ID so CUDA counts the same way).
 */
public final class AssignedDevices {
    /** Spark's resource name for GPUs (spark.worker/executor/task.resource.gpu.*). */
    public static final String GPU = "gpu";

    private AssignedDevices() {
    }

    /** The addresses of the GPUs Spark assigned to this task; none outside a task or without GPU scheduling. */
    public static String[] gpus(TaskContext task) {
        ResourceInformation gpu = task == null ? null : task.resourcesJMap().get(GPU);
        return gpu == null ? new String[0] : gpu.addresses();
    }

    /**
     * The TF device for a configured one: an explicit device as given; {@link PipelineConfig#ASSIGNED_GPU}
     * → {@code /GPU:N} for the first assigned address N, or {@code /GPU:0} when Spark assigned none (a
     * local master, which has no resource scheduling). An address that is no index (a UUID) fails with
     * the reason.
     */
    public static String resolve(String configured, String[] assigned) {
        if (!configured.equals(PipelineConfig.ASSIGNED_GPU)) {
            return configured;
        }
        if (assigned.length == 0) {
            return "/GPU:0";
        }
        if (!assigned[0].matches("\\d+")) {
            throw new IllegalStateException("GPU address '" + assigned[0] + "' assigned by Spark is not a device index: "
                    + "the workers' discovery script must print nvidia-smi indices (conf/gpu-discovery.sh), or set "
                    + "the device explicitly (\"/GPU:N\")");
        }
        return "/GPU:" + assigned[0];
    }

    /** {@link #resolve} for the calling Spark task. */
    public static String forThisTask(String configured) {
        return resolve(configured, gpus(TaskContext.get()));
    }
}
