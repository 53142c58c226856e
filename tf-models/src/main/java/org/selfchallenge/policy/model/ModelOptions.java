package org.selfchallenge.policy.model;

import org.tensorflow.DeviceSpec;
import org.tensorflow.proto.ConfigProto;

/**
 * Where and how the graph runs. {@code device}: "/CPU:0", "/GPU:0", ... (soft placement falls back to CPU
 * for ops without a kernel on the device). Threads: 0 intra-op = all available processors.
 */
public record ModelOptions(String device, int intraOpThreads, int interOpThreads) {
    public static final String CPU = "/CPU:0";
    public static final int DEFAULT_INTER_OP = 1;

    public ModelOptions {
        if (device == null || device.isBlank()) {
            device = CPU;
        }
        deviceSpec(device); // validate early
    }

    public static ModelOptions cpu() {
        return new ModelOptions(CPU, 0, DEFAULT_INTER_OP);
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
        return b.build();
    }
}
