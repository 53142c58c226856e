package org.selfchallenge.spark.stage;

import org.apache.hadoop.fs.Path;

import java.util.Map;

/**
 * One step of the method. A stage reads committed outputs of earlier stages (never temporary ones)
 * and writes everything under {@code tmp}; the driver commits it. Returned metrics are stored in the
 * stage's {@code _stage.json} and feed {@code metrics.json}.
 */
public interface Stage {
    String name();

    Map<String, Object> run(StageContext ctx, Path tmp) throws Exception;
}
