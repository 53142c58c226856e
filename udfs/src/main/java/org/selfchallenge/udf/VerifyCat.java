package org.selfchallenge.udf;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.api.java.UDF2;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.util.LongAccumulator;

import java.io.Serializable;

/**
 * {@code verify_cat(env, text)}: the Code-as-Task verifier as a Spark SQL function, registered by
 * name so it is usable from SQL ({@code SELECT verify_cat(env, text).reason FROM tasks_raw}). Each
 * executor JVM keeps one verifier (sandbox worker pool + environments) per setting, created lazily.
 * Never throws for bad input: malformed or hostile text yields a verdict with a reason code.
 *
 * <p>Result struct ({@link #RESULT_TYPE}): valid, reason, detail, instruction, evaluation, solution,
 * failure_cases, runs, duration_ms.
 */
public final class VerifyCat implements UDF2<String, String, Row>, Serializable {
    private static final long serialVersionUID = 1L;
    public static final String NAME = "verify_cat";

    public static final StructType RESULT_TYPE = new StructType()
            .add("valid", DataTypes.BooleanType, false)
            .add("reason", DataTypes.StringType, false)
            .add("detail", DataTypes.StringType, true)
            .add("instruction", DataTypes.StringType, true)
            .add("evaluation", DataTypes.StringType, true)
            .add("solution", DataTypes.StringType, true)
            .add("failure_cases", DataTypes.createArrayType(DataTypes.StringType, false), true)
            .add("runs", DataTypes.IntegerType, false)
            .add("duration_ms", DataTypes.DoubleType, false);

    private final CatVerification.Settings settings;
    private final LongAccumulator calls;
    private final VerdictCounts counts;

    /**
     * @param calls  counts verifications (console progress); may be null
     * @param counts counts verdicts per environment and reason; may be null
     */
    public VerifyCat(CatVerification.Settings settings, LongAccumulator calls, VerdictCounts counts) {
        this.settings = settings;
        this.calls = calls;
        this.counts = counts;
    }

    /** Registers {@value #NAME} on the session with these verifier settings. */
    public static void register(SparkSession spark, CatVerification.Settings settings) {
        register(spark, settings, null, null);
    }

    /** Registers {@value #NAME} counting into these accumulators (either may be null). */
    public static void register(SparkSession spark, CatVerification.Settings settings, LongAccumulator calls,
                                VerdictCounts counts) {
        spark.udf().register(NAME, new VerifyCat(settings, calls, counts), RESULT_TYPE);
    }

    @Override
    public Row call(String env, String text) {
        CatVerification.Result r = CatVerification.verify(settings, env, text);
        if (calls != null) {
            calls.add(1);
        }
        if (counts != null) {
            counts.add(new VerdictCounts.Key(env, r.reason()));
        }
        return RowFactory.create(r.valid(), r.reason(), r.detail(), r.instruction(), r.evaluation(), r.solution(),
                r.failureCases() == null ? null : r.failureCases().toArray(new String[0]),
                r.runs(), r.durationMs());
    }
}
