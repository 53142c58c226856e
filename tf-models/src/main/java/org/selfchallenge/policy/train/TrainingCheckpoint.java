package org.selfchallenge.policy.train;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.selfchallenge.policy.config.LlamaConfig;
import org.selfchallenge.policy.io.BaseReference;
import org.selfchallenge.policy.io.DType;
import org.selfchallenge.policy.io.HfCheckpoint;
import org.selfchallenge.policy.io.PeftAdapter;
import org.selfchallenge.policy.io.Safetensors;
import org.selfchallenge.policy.io.TensorData;
import org.selfchallenge.policy.model.GraphVariable;
import org.selfchallenge.policy.model.Lora;
import org.selfchallenge.policy.model.WeightNames;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.Tensor;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.types.TFloat32;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Training checkpoint directory layout (written to a temporary sibling, then renamed into place):
 * <pre>
 *   config.json, model.safetensors (F32), tokenizer files   — also a valid HF checkpoint
 *   optimizer.safetensors   "m.&lt;weight&gt;", "v.&lt;weight&gt;" AdamW moments (F32)
 *   reference.safetensors   frozen reference weights (only when a KL penalty is used, without LoRA)
 *   adapter_model.safetensors, adapter_config.json   with LoRA: the adapters, as PEFT writes them
 *   base_model.json         with LoRA on a base read from a directory: that base by reference (location,
 *                           size and SHA-256 per weight file, {@link BaseReference}) instead of
 *                           model.safetensors; config.json and the tokenizer files stay
 *   trainer_state.json      {"format": 1, "step", "data_cursor", "rng_state", "train_config": {...}}
 * </pre>
 * Everything is stored exactly (float32; a referenced base is checked bit for bit by its digests), so a
 * resumed run continues bit-identically.
 */
public final class TrainingCheckpoint {
    public static final String STATE = "trainer_state.json";
    public static final String OPTIMIZER = "optimizer.safetensors";
    public static final String REFERENCE = "reference.safetensors";
    public static final int FORMAT = 1;
    private static final ObjectMapper JSON = new ObjectMapper();

    private TrainingCheckpoint() {
    }

    /**
     * @param baseLocation with LoRA, where a resume finds the frozen base (null: where it was last recorded,
     *                     else the directory the trainer read it from); unused without LoRA, or when the base
     *                     was never in a directory
     */
    static void save(PolicyTrainer t, Path dir, String baseLocation) {
        Path tmp = dir.resolveSibling(dir.getFileName() + ".tmp-" + ProcessHandle.current().pid());
        try {
            deleteTree(tmp);
            LlamaConfig cfg = t.model().config;
            // With LoRA the frozen base is still the checkpoint it was read from: referenced, not copied.
            BaseReference base = t.config().lora().enabled() ? t.baseReference(baseLocation) : null;
            if (base != null) {
                HfCheckpoint.writeConfig(tmp, cfg, DType.fromTorch(cfg.torchDtype), t.sourceDir());
                base.write(tmp);
            } else {
                HfCheckpoint.write(tmp, cfg, t.model().weights(), DType.F32, HfCheckpoint.DEFAULT_MAX_SHARD_BYTES,
                        t.sourceDir());
            }
            List<TensorData> opt = new ArrayList<>();
            t.slots(true).forEach((n, d) -> opt.add(new TensorData("m." + n, d.shape(), d.data())));
            t.slots(false).forEach((n, d) -> opt.add(new TensorData("v." + n, d.shape(), d.data())));
            Safetensors.write(tmp.resolve(OPTIMIZER), opt, DType.F32, Map.of("format", "selfchallenge-adamw"));
            if (t.referenceWeights() != null) {
                Safetensors.write(tmp.resolve(REFERENCE), t.referenceWeights().values(), DType.F32, Map.of());
            }
            if (t.config().lora().enabled()) {
                PeftAdapter.write(tmp, t.config().lora(), t.model().adapterWeights(),
                        base == null ? null : base.location());
            }
            ObjectNode st = JSON.createObjectNode();
            st.put("format", FORMAT);
            st.put("step", t.stepCount());
            st.put("data_cursor", t.dataCursor());
            st.put("rng_state", t.rng().state());
            st.set("train_config", JSON.valueToTree(t.config()));
            Files.writeString(tmp.resolve(STATE), JSON.writerWithDefaultPrettyPrinter().writeValueAsString(st));
            deleteTree(dir);
            Files.move(tmp, dir, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save training checkpoint to " + dir + ": " + e.getMessage(), e);
        }
    }

    /**
     * @param baseDir with a referenced base, a local directory holding it (a copy of a remote base); null:
     *                its recorded location
     */
    static PolicyTrainer resume(Path dir, TrainConfig override, Path baseDir) {
        try {
            Path stateFile = dir.resolve(STATE);
            if (!Files.isRegularFile(stateFile)) {
                throw new IOException("no " + STATE + " (not a training checkpoint)");
            }
            JsonNode st = JSON.readTree(stateFile.toFile());
            if (st.path("format").asInt() != FORMAT) {
                throw new IOException("unsupported training checkpoint format " + st.path("format"));
            }
            TrainConfig cfg = override != null ? override : JSON.treeToValue(st.get("train_config"), TrainConfig.class);
            LlamaConfig config = HfCheckpoint.config(dir);
            BaseReference base = BaseReference.read(dir);
            Path weightsDir = dir;
            if (base != null) {
                weightsDir = base.resolve(baseDir);
                base.verify(weightsDir);
            }
            Map<String, TensorData> weights = HfCheckpoint.readWeights(weightsDir, WeightNames.shapes(config).keySet());
            Map<String, TensorData> opt = Safetensors.read(dir.resolve(OPTIMIZER));
            Map<String, TensorData> m = new LinkedHashMap<>();
            Map<String, TensorData> v = new LinkedHashMap<>();
            opt.forEach((n, d) -> {
                if (n.startsWith("m.")) {
                    m.put(n.substring(2), d);
                } else if (n.startsWith("v.")) {
                    v.put(n.substring(2), d);
                }
            });
            Map<String, TensorData> ref = Files.isRegularFile(dir.resolve(REFERENCE))
                    ? Safetensors.read(dir.resolve(REFERENCE)) : null;
            Map<String, TensorData> adapters = readAdapters(dir, cfg.lora());
            PolicyTrainer t = new PolicyTrainer(config, weights, cfg, weightsDir, adapters);
            if (base != null) {
                t.setBaseReference(base);
            }
            t.restoreState(st.path("step").asLong(), st.path("data_cursor").asLong(), st.path("rng_state").asLong(),
                    m, v, ref);
            return t;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot resume from " + dir + ": " + e.getMessage(), e);
        }
    }

    /** The saved adapters, or null without LoRA; a checkpoint and a config that disagree are an error. */
    private static Map<String, TensorData> readAdapters(Path dir, Lora lora) throws IOException {
        boolean saved = PeftAdapter.present(dir);
        if (saved != lora.enabled()) {
            throw new IOException(saved
                    ? "it holds LoRA adapters, but the training config has none (resume with its LoRA settings)"
                    : "the training config asks for LoRA rank " + lora.rank() + ", but it holds no "
                    + PeftAdapter.WEIGHTS);
        }
        return saved ? PeftAdapter.read(dir).weights() : null;
    }

    /** Current values of optimizer slot variables (AdamW m or v), by weight name. */
    static Map<String, TensorData> readSlots(Session session, Map<String, GraphVariable> vars) {
        Session.Runner r = session.runner();
        List<String> names = new ArrayList<>(vars.keySet());
        names.forEach(n -> r.fetch(vars.get(n).read()));
        Map<String, TensorData> out = new LinkedHashMap<>();
        try (Result res = r.run()) {
            for (int i = 0; i < names.size(); i++) {
                TFloat32 t = (TFloat32) res.get(i);
                float[] d = new float[(int) t.size()];
                t.asRawTensor().data().asFloats().read(d);
                out.put(names.get(i), new TensorData(names.get(i), vars.get(names.get(i)).shape(), d));
            }
        }
        return out;
    }

    /** Assigns saved slot values; every slot must be present. */
    static void loadSlots(Session session, Map<String, GraphVariable> vars, Map<String, TensorData> values) {
        List<Tensor> feeds = new ArrayList<>();
        try {
            Session.Runner r = session.runner();
            for (Map.Entry<String, GraphVariable> e : vars.entrySet()) {
                TensorData t = values.get(e.getKey());
                if (t == null) {
                    throw new IllegalArgumentException("optimizer state is missing " + e.getKey());
                }
                TFloat32 x = TFloat32.tensorOf(Shape.of(t.shape()), DataBuffers.of(t.data(), true, false));
                feeds.add(x);
                r.feed(e.getValue().input(), x);
                r.addTarget(e.getValue().load());
            }
            r.run().close();
        } finally {
            feeds.forEach(Tensor::close);
        }
    }

    /** Deletes a directory tree (or a file); nothing when absent. */
    public static void deleteTree(Path p) throws IOException {
        if (!Files.exists(p)) {
            return;
        }
        try (Stream<Path> s = Files.walk(p)) {
            for (Path x : (Iterable<Path>) s.sorted(Comparator.reverseOrder())::iterator) {
                Files.delete(x);
            }
        }
    }
}
