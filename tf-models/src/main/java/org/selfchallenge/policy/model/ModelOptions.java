package org.selfchallenge.policy.model;

import org.tensorflow.DeviceSpec;
import org.tensorflow.proto.ConfigProto;
import org.tensorflow.proto.OptimizerOptions;

/**
 * Where and how the graph runs. {@code device}: "/CPU:0", "/GPU:0", ... (soft placement falls back to CPU
 * for ops without a kernel on the device). Threads: 0 intra-op = all available processors.
 * {@code xla}: TF's auto-clustering compiles groups of ops into fused XLA kernels (global JIT level ON_1).
 * On a GPU the session setting is enough; on a CPU TF also needs {@value #XLA_CPU_FLAG} in the process
 * environment variable {@value #XLA_FLAGS_ENV} when the process starts (run.sh and the Spark executors'
 * environment set it; a JVM cannot change its own environment), else the setting silently does nothing,
 * which {@link #xlaActiveOnCpu()} tells. Each new input shape compiles anew (a fraction of a second), so it
 * pays for the long runs of fixed-shape steps of training, not for decoding.
 */
public record ModelOptions(String device, int intraOpThreads, int interOpThreads, boolean xla) {
    public static final String XLA_FLAGS_ENV = "TF_XLA_FLAGS";
    public static final String XLA_CPU_FLAG = "--tf_xla_cpu_global_jit";
    public static final String CPU = "/CPU:0";
    public static final int DEFAULT_INTER_OP = 1;

    public ModelOptions {
        if (device == null || device.isBlank()) {
            device = CPU;
        }
        deviceSpec(device); // validate early
    }

    public ModelOptions(String device, int intraOpThreads, int interOpThreads) {
        this(device, intraOpThreads, interOpThreads, false);
    }

    public static ModelOptions cpu() {
        return new ModelOptions(CPU, 0, DEFAULT_INTER_OP);
    }

    public ModelOptions withXla(boolean on) {
        return new ModelOptions(device, intraOpThreads, interOpThreads, on);
    }

    /** Whether asking for XLA takes effect on this device: always on a GPU, on a CPU with the flag. */
    public boolean xlaTakesEffect() {
        return deviceSpec().deviceType() != DeviceSpec.DeviceType.CPU || xlaActiveOnCpu();
    }

    /** Whether this process's environment lets TF cluster CPU ops for XLA (see the class comment). */
    public static boolean xlaActiveOnCpu() {
        String flags = System.getenv(XLA_FLAGS_ENV);
        return flags != null && java.util.Arrays.asList(flags.trim().split("\\s+")).contains(XLA_CPU_FLAG);
    }

    public DeviceSpec deviceSpec() {
        return deviceSpec(device);
    }

    /** Parses "/CPU:0", "/GPU:1", "/device:GPU:0" (case-insensitive type). */
    static DeviceSpec deviceSpec(String s) {
        String t = s.trim();
        if (t.startsWith("/device:")) {
            t = "/" + t.substring("/device:".length());
        }
        if (!t.startsWith("/") || !t.contains(":")) {
            throw new IllegalArgumentException("device must look like /CPU:0 or /GPU:0, got '" + s + "'");
        }
        String type = t.substring(1, t.indexOf(':')).toUpperCase();
        int index;
        try {
            index = Integer.parseInt(t.substring(t.indexOf(':') + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("device index must be an integer in '" + s + "'");
        }
        DeviceSpec.DeviceType dt = switch (type) {
            case "CPU" -> DeviceSpec.DeviceType.CPU;
            case "GPU" -> DeviceSpec.DeviceType.GPU;
            default -> throw new IllegalArgumentException("unknown device type '" + type + "' in '" + s + "'");
        };
        return DeviceSpec.newBuilder().deviceType(dt).deviceIndex(index).build();
    }

    public ConfigProto sessionConfig() {
        int intra = intraOpThreads > 0 ? intraOpThreads : Runtime.getRuntime().availableProcessors();
        ConfigProto.Builder b = ConfigProto.newBuilder()
                .setIntraOpParallelismThreads(intra)
                .setInterOpParallelismThreads(Math.max(1, interOpThreads))
                .setAllowSoftPlacement(true);
        b.getGpuOptionsBuilder().setAllowGrowth(true);
        if (xla) {
            b.getGraphOptionsBuilder().getOptimizerOptionsBuilder().setGlobalJitLevel(OptimizerOptions.GlobalJitLevel.ON_1);
        }
        return b.build();
    }
}
