package org.selfchallenge.spark.io;

import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;

import java.util.List;
import java.util.Map;

/**
 * The trajectory file format: one Arrow IPC <em>file</em> ({@code part-NNNNN.arrow}) per solve
 * partition, record batches of up to {@link #BATCH_ROWS} rows.
 *
 * <p>Schema version {@value #SCHEMA_VERSION} (stored in the schema metadata under
 * {@code selfchallenge.schema_version}; readers reject other major versions):
 * <pre>
 * trajectory_id        utf8            "&lt;task_id&gt;#&lt;sample_index&gt;@r&lt;round&gt;", unique within a run
 * task_id              utf8            verified task solved
 * env                  utf8            retail | airline | calculation | web
 * round                int32           round that produced it (1-based)
 * sample_index         int32           0..K-1 among the K episodes of the task
 * policy_version       utf8            id/version of the policy that sampled it
 * seed                 int64           sampler seed of the episode
 * temperature, top_p   float64         sampling parameters
 * top_k, max_new_tokens int32
 * tokens               list&lt;int32&gt;     the whole conversation, tokenised with the policy's chat template
 * loss_mask            list&lt;uint8&gt;     1 = token sampled by the policy (trained on), 0 = prompt/tool/user
 * behaviour_logprobs   list&lt;float32&gt;   sampler log-prob of each token where loss_mask = 1, else 0
 * reward               float32         task's evaluate() result (1/0) or the benchmark reward
 * turns                utf8            JSON list of {role, content} for inspection
 * lineage              utf8            JSON: challenger, task seed, verdict, run, stage paths
 * </pre>
 * The three lists of one row have equal length.
 */
public final class TrajectoryArrow {
    public static final int SCHEMA_VERSION = 1;
    public static final String META_SCHEMA = "selfchallenge.schema";
    public static final String META_VERSION = "selfchallenge.schema_version";
    public static final int BATCH_ROWS = 1024;
    public static final String FILE_PATTERN = "part-%05d.arrow";

    private TrajectoryArrow() {
    }

    public static final Schema SCHEMA = new Schema(List.of(
            utf8("trajectory_id"),
            utf8("task_id"),
            utf8("env"),
            prim("round", new ArrowType.Int(32, true)),
            prim("sample_index", new ArrowType.Int(32, true)),
            utf8("policy_version"),
            prim("seed", new ArrowType.Int(64, true)),
            prim("temperature", new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE)),
            prim("top_p", new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE)),
            prim("top_k", new ArrowType.Int(32, true)),
            prim("max_new_tokens", new ArrowType.Int(32, true)),
            list("tokens", new ArrowType.Int(32, true)),
            list("loss_mask", new ArrowType.Int(8, false)),
            list("behaviour_logprobs", new ArrowType.FloatingPoint(FloatingPointPrecision.SINGLE)),
            prim("reward", new ArrowType.FloatingPoint(FloatingPointPrecision.SINGLE)),
            utf8("turns"),
            utf8("lineage")),
            Map.of(META_SCHEMA, "trajectory", META_VERSION, Integer.toString(SCHEMA_VERSION)));

    public static String fileName(int partition) {
        return String.format(FILE_PATTERN, partition);
    }

    private static Field utf8(String name) {
        return new Field(name, FieldType.notNullable(ArrowType.Utf8.INSTANCE), null);
    }

    private static Field prim(String name, ArrowType t) {
        return new Field(name, FieldType.notNullable(t), null);
    }

    private static Field list(String name, ArrowType element) {
        return new Field(name, FieldType.notNullable(ArrowType.List.INSTANCE),
                List.of(new Field("item", FieldType.notNullable(element), null)));
    }
}
