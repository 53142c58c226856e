package org.selfchallenge.spark.stage;

import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;
import org.selfchallenge.spark.Progress;
import org.selfchallenge.spark.RunLayout;
import org.selfchallenge.spark.config.PipelineConfig;

/** Everything a stage needs: session, configuration, run layout, round, and the progress console. */
public record StageContext(SparkSession spark, PipelineConfig cfg, RunLayout layout, int round, Progress progress) {

    public FileSystem fs() {
        return layout.fs(spark.sparkContext().hadoopConfiguration());
    }

    /** Committed output directory of a stage of this round. */
    public Path stageDir(String stage) {
        return layout.stage(round, stage);
    }

    /** The policy the round starts from: round 0's initial checkpoint or the previous round's training. */
    public Path policyIn() {
        return round <= 1 ? new Path(layout.stage(0, InitPolicyStage.NAME), InitPolicyStage.CHECKPOINT)
                : new Path(layout.stage(round - 1, TrainStage.NAME), TrainStage.CHECKPOINT);
    }

    /** The policy after this round (what evaluate measures). */
    public Path policyOut() {
        return round == 0 ? new Path(layout.stage(0, InitPolicyStage.NAME), InitPolicyStage.CHECKPOINT)
                : new Path(layout.stage(round, TrainStage.NAME), TrainStage.CHECKPOINT);
    }
}
