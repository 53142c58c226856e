package org.selfchallenge.policy.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.selfchallenge.llm.Message;
import org.selfchallenge.llm.SamplingParams;
import org.selfchallenge.policy.RandomCheckpoint;
import org.selfchallenge.policy.config.LlamaConfig;
import org.selfchallenge.policy.io.HfCheckpoint;
import org.selfchallenge.policy.io.PeftAdapter;
import org.selfchallenge.policy.io.TensorData;
import org.selfchallenge.policy.model.LlamaModel;
import org.selfchallenge.policy.model.ModelOptions;
import org.selfchallenge.policy.model.WeightNames;
import org.selfchallenge.policy.sample.Generation;
import org.selfchallenge.policy.sample.Generator;
import org.selfchallenge.policy.tokenizer.PolicyTokenizer;

/**
 * {@code run.sh model ...}:
 * <pre>
 *   model init --config FILE --out DIR [--seed S]
 *   model logits --checkpoint DIR [--adapter PEFT_DIR] --ids 1,2,3 [--device /CPU:0]
 *   model generate --checkpoint DIR --prompt TEXT [--chat] [--max-new-tokens N] [--temperature T] [--top-p P]
 *                  [--top-k K] [--seed S] [--device D]
 * </pre>
 * Exit codes: 0 ok, 1 failure (message on stderr), 2 bad arguments.
 */
public final class ModelCli {
    public static final int DEFAULT_MAX_NEW_TOKENS = 64;
    private static final ObjectMapper JSON = new ObjectMapper();

    private ModelCli() {
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    public static int run(String[] args) {
        return run(args, System.out, System.err);
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length == 0) {
            err.println(usage());
            return 2;
        }
        Map<String, String> opts = new HashMap<>();
        for (int i = 1; i < args.length; i++) {
            String a = args[i];
            if (!a.startsWith("--")) {
                err.println("unexpected argument: " + a + "\n" + usage());
                return 2;
            }
            if (a.equals("--chat")) {
                opts.put("chat", "true");
            } else if (i + 1 < args.length) {
                opts.put(a.substring(2), args[++i]);
            } else {
                err.println("missing value for " + a);
                return 2;
            }
        }
        try {
            return switch (args[0]) {
                case "init" -> init(opts, out, err);
                case "logits" -> logits(opts, out, err);
                case "generate" -> generate(opts, out, err);
                default -> {
                    err.println("unknown model command: " + args[0] + "\n" + usage());
                    yield 2;
                }
            };
        } catch (BadArgs e) {
            err.println(e.getMessage());
            return 2;
        } catch (Exception e) {
            err.println("model " + args[0] + " failed: " + e.getMessage());
            return 1;
        }
    }

    static String usage() {
        return "usage: model init --config FILE --out DIR [--seed S]\n"
                + "       model logits --checkpoint DIR [--adapter PEFT_DIR] --ids 1,2,3 [--device /CPU:0]\n"
                + "       model generate --checkpoint DIR --prompt TEXT [--chat] [--max-new-tokens N] "
                + "[--temperature T] [--top-p P] [--top-k K] [--seed S] [--device D]";
    }

    private static final class BadArgs extends RuntimeException {
        BadArgs(String m) {
            super(m);
        }
    }

    private static String required(Map<String, String> o, String k) {
        String v = o.get(k);
        if (v == null) {
            throw new BadArgs("missing --" + k + "\n" + usage());
        }
        return v;
    }

    private static long longOpt(Map<String, String> o, String k, long def) {
        try {
            return o.containsKey(k) ? Long.parseLong(o.get(k)) : def;
        } catch (NumberFormatException e) {
            throw new BadArgs("--" + k + " must be an integer, got '" + o.get(k) + "'");
        }
    }

    private static double doubleOpt(Map<String, String> o, String k, double def) {
        try {
            return o.containsKey(k) ? Double.parseDouble(o.get(k)) : def;
        } catch (NumberFormatException e) {
            throw new BadArgs("--" + k + " must be a number, got '" + o.get(k) + "'");
        }
    }

    private static ModelOptions device(Map<String, String> o) {
        try {
            return new ModelOptions(o.getOrDefault("device", ModelOptions.CPU), 0, ModelOptions.DEFAULT_INTER_OP);
        } catch (IllegalArgumentException e) {
            throw new BadArgs(e.getMessage());
        }
    }

    static int init(Map<String, String> o, PrintStream out, PrintStream err) throws Exception {
        Path cfgFile = Path.of(required(o, "config"));
        Path dir = Path.of(required(o, "out"));
        long seed = longOpt(o, "seed", 0);
        LlamaConfig cfg = RandomCheckpoint.write(Files.readString(cfgFile), dir, seed);
        out.println("{\"checkpoint\": " + JSON.writeValueAsString(dir.toString()) + ", \"parameters\": "
                + cfg.parameterCount() + ", \"seed\": " + seed + "}");
        return 0;
    }

    static int logits(Map<String, String> o, PrintStream out, PrintStream err) throws Exception {
        Path dir = Path.of(required(o, "checkpoint"));
        String[] parts = required(o, "ids").split(",");
        int[] ids = new int[parts.length];
        for (int i = 0; i < parts.length; i++) {
            try {
                ids[i] = Integer.parseInt(parts[i].trim());
            } catch (NumberFormatException e) {
                throw new BadArgs("--ids must be comma-separated integers, got '" + parts[i] + "'");
            }
        }
        try (LlamaModel m = o.containsKey("adapter") ? withAdapter(dir, Path.of(o.get("adapter")), device(o))
                : LlamaModel.load(dir, device(o))) {
            for (int id : ids) {
                if (id < 0 || id >= m.config.vocabSize) {
                    throw new BadArgs("token id " + id + " outside [0, " + m.config.vocabSize + ")");
                }
            }
            float[][] logits = m.logits(ids);
            StringBuilder sb = new StringBuilder("{\"logits\": [");
            for (int t = 0; t < logits.length; t++) {
                sb.append(t == 0 ? "[" : ", [");
                for (int v = 0; v < logits[t].length; v++) {
                    if (v > 0) {
                        sb.append(", ");
                    }
                    sb.append(logits[t][v]);
                }
                sb.append(']');
            }
            out.println(sb.append("]}"));
        }
        return 0;
    }

    /** The base checkpoint with a PEFT LoRA adapter on top (computed factored, as training does). */
    private static LlamaModel withAdapter(Path base, Path adapterDir, ModelOptions options) throws IOException {
        PeftAdapter a = PeftAdapter.read(adapterDir);
        LlamaConfig c = HfCheckpoint.config(base);
        Map<String, TensorData> all = new LinkedHashMap<>(HfCheckpoint.readWeights(base, WeightNames.shapes(c).keySet()));
        all.putAll(a.weights());
        return new LlamaModel(c, all, options, a.lora());
    }

    static int generate(Map<String, String> o, PrintStream out, PrintStream err) throws Exception {
        Path dir = Path.of(required(o, "checkpoint"));
        String prompt = required(o, "prompt");
        int maxNew = (int) longOpt(o, "max-new-tokens", DEFAULT_MAX_NEW_TOKENS);
        SamplingParams p = new SamplingParams(doubleOpt(o, "temperature", SamplingParams.DEFAULT_TEMPERATURE),
                doubleOpt(o, "top-p", 1.0), (int) longOpt(o, "top-k", 0), maxNew, longOpt(o, "seed", 0), List.of());
        if (!Files.isDirectory(dir)) {
            throw new BadArgs("--checkpoint " + dir + " is not a directory");
        }
        try (PolicyTokenizer tok = PolicyTokenizer.load(dir); LlamaModel m = LlamaModel.load(dir, device(o))) {
            int[] ids;
            if (o.containsKey("chat")) {
                if (tok.chatTemplate() == null) {
                    throw new IllegalArgumentException("--chat: the checkpoint has no chat template");
                }
                ids = tok.encode(tok.chatTemplate().render(List.of(Message.user(prompt)), true));
            } else {
                ids = tok.encode(prompt);
            }
            Generation g = new Generator(m, tok.stopTokenIds(), x -> tok.decode(x, true))
                    .generate(List.of(ids), List.of(p)).get(0);
            out.println(tok.decode(g.tokens(), true));
        }
        return 0;
    }
}
