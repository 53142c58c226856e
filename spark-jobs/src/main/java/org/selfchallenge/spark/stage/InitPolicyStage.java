package org.selfchallenge.spark.stage;

import org.apache.hadoop.fs.Path;
import org.selfchallenge.spark.component.Components;
import org.selfchallenge.spark.io.LocalCopies;

import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Round 0: the policy every run starts from — {@code policy.init = tiny-random} creates a small randomly
 * initialised model (seeded by the run seed); otherwise the given Hugging Face checkpoint is copied
 * into the run, so the run is self-contained and later rounds never depend on outside files.
 */
public final class InitPolicyStage implements Stage {
    public static final String NAME = "init";
    public static final String CHECKPOINT = "checkpoint";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Map<String, Object> run(StageContext ctx, Path tmp) throws Exception {
        java.nio.file.Path local = Files.createTempDirectory("selfchallenge-init-");
        try {
            String version = Components.load(ctx.cfg().components).initPolicy(ctx.cfg(), local);
            LocalCopies.upload(local, new Path(tmp, CHECKPOINT), ctx.spark().sparkContext().hadoopConfiguration());
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("policy_version", version);
            m.put("policy_init", ctx.cfg().policyInit);
            return m;
        } finally {
            LocalCopies.deleteRecursively(local);
        }
    }
}
