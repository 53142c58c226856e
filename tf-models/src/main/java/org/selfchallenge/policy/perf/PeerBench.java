package org.selfchallenge.policy.perf;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.selfchallenge.policy.model.LlamaModel;
import org.selfchallenge.policy.model.ModelOptions;
import org.selfchallenge.policy.train.TrainingCheckpoint;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code run.sh bench model --peer [--rounds R]}: the TF Java trainer and decoder side by side with the peer
 * users would otherwise pick, PyTorch (transformers' LlamaForCausalLM, torch.optim.AdamW) on the same
 * configurations, batch, loss and optimizer ({@code torch_peer.py}, beside this class). The peer is one
 * long-lived Python process, so the runs interleave in one session, A/B/A/B, both sides warm: per round every
 * implementation trains the same steps; the medians over rounds are compared. Threads are matched (TF intra-op
 * = torch threads, inter-op 1 on both). Python: {@value #PYTHON_PROPERTY} or {@code python3} on PATH; torch
 * and transformers are installed with pip when missing, and the benchmark is skipped with a message when
 * that fails.
 */
final class PeerBench {
    static final String PYTHON_PROPERTY = "selfchallenge.bench.python";
    static final int DEFAULT_ROUNDS = 3;
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Peer modes: transformers' eager attention, its SDPA attention, and SDPA under torch.compile. */
    private static final List<String> PEER_MODES = List.of("torch_eager", "torch_sdpa", "torch_compile");

    private PeerBench() {
    }

    static int run(ModelOptions opts, List<ModelBench.Size> sizes, int rounds, int trainSteps, int decodeSteps)
            throws IOException, InterruptedException {
        int threads = opts.intraOpThreads() > 0 ? opts.intraOpThreads() : Runtime.getRuntime().availableProcessors();
        String python = System.getProperty(PYTHON_PROPERTY, "python3");
        String why = ensureTorch(python);
        if (why != null) {
            System.out.println("bench model --peer: skipped, the PyTorch peer is unavailable: " + why);
            return 0;
        }
        Path script = Files.createTempFile("torch_peer", ".py");
        try (InputStream in = PeerBench.class.getResourceAsStream("torch_peer.py")) {
            Files.copy(in, script, StandardCopyOption.REPLACE_EXISTING);
        }
        Process p = new ProcessBuilder(python, script.toString(), Integer.toString(threads))
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
             Writer in = new OutputStreamWriter(p.getOutputStream(), StandardCharsets.UTF_8)) {
            Peer peer = new Peer(out, in);
            JsonNode ready = peer.read();
            System.out.printf(Locale.ROOT, "bench model --peer: torch %s, transformers %s, %d threads each, %d rounds "
                            + "interleaved, medians%n", ready.path("torch").asText(), ready.path("transformers").asText(),
                    threads, rounds);
            double tfPeak = ModelBench.peakGflops(opts);
            double torchPeak = peer.call(Map.of("op", "peak")).path("gflops").asDouble();
            System.out.printf(Locale.ROOT, "{\"bench\": \"peer_peak\", \"tf_gflops\": %.1f, \"torch_gflops\": %.1f}%n",
                    tfPeak, torchPeak);
            boolean xla = opts.xlaTakesEffect();
            for (ModelBench.Size s : sizes) {
                train(s, opts, peer, rounds, trainSteps, xla, tfPeak, torchPeak);
            }
            for (ModelBench.Size s : sizes) {
                decode(s, opts, peer, decodeSteps);
            }
        } finally {
            p.destroy();
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
            Files.deleteIfExists(script);
        }
        return 0;
    }

    private static void train(ModelBench.Size s, ModelOptions opts, Peer peer, int rounds, int steps, boolean xla,
                              double tfPeak, double torchPeak) throws IOException {
        Map<String, List<Double>> tps = new LinkedHashMap<>();
        Map<String, String> failed = new LinkedHashMap<>();
        for (int r = 0; r < rounds; r++) {
            tps.computeIfAbsent("tf_java", k -> new ArrayList<>())
                    .add(ModelBench.trainTokensPerSecond(s, opts.withXla(false), tfPeak, steps, false));
            if (xla) {
                tps.computeIfAbsent("tf_java_xla", k -> new ArrayList<>())
                        .add(ModelBench.trainTokensPerSecond(s, opts.withXla(true), tfPeak, steps, false));
            }
            for (String mode : PEER_MODES) {
                if (failed.containsKey(mode)) {
                    continue;
                }
                JsonNode res = peer.call(Map.of("op", "train", "size", size(s), "steps", steps,
                        "attn", mode.equals("torch_eager") ? "eager" : "sdpa", "compile", mode.equals("torch_compile")));
                if (res.has("error")) {
                    failed.put(mode, res.get("error").asText());
                } else {
                    tps.computeIfAbsent(mode, k -> new ArrayList<>()).add(res.get("tokens_per_s").asDouble());
                }
            }
        }
        double flops = ModelBench.trainFlopsPerToken(ModelBench.config(s), s.seq());
        Double eager = tps.containsKey("torch_eager") ? median(tps.get("torch_eager")) : null;
        for (Map.Entry<String, List<Double>> e : tps.entrySet()) {
            double med = median(e.getValue());
            double gflops = med * flops / 1e9;
            double peak = e.getKey().startsWith("tf_java") ? tfPeak : torchPeak;
            System.out.printf(Locale.ROOT, "{\"bench\": \"peer_train\", \"size\": \"%s\", \"impl\": \"%s\", "
                            + "\"tokens_per_s\": %.0f, \"gflops\": %.1f, \"fraction_of_peak\": %.3f, \"vs_torch_eager\": %s, "
                            + "\"rounds\": %s}%n", s.name(), e.getKey(), med, gflops, gflops / peak,
                    eager == null ? "null" : String.format(Locale.ROOT, "%.2f", med / eager), rounded(e.getValue()));
        }
        failed.forEach((mode, why) -> System.out.printf(Locale.ROOT,
                "{\"bench\": \"peer_train\", \"size\": \"%s\", \"impl\": \"%s\", \"unavailable\": %s}%n",
                s.name(), mode, JSON.valueToTree(why)));
    }

    private static void decode(ModelBench.Size s, ModelOptions opts, Peer peer, int steps) throws IOException {
        Path dir = ModelBench.checkpoint(s);
        try (LlamaModel m = LlamaModel.load(dir, opts)) {
            for (int b : new int[]{1, 8}) {
                DecodeBench.decodeRound(m, b, DecodeBench.PROMPT, steps); // first round: setup per shape
                double tf = DecodeBench.median(DecodeBench.measuredRounds(m, b, steps));
                JsonNode res = peer.call(Map.of("op", "decode", "size", size(s), "batch", b,
                        "prompt", DecodeBench.PROMPT, "steps", steps));
                double torch = res.path("step_ms").asDouble(Double.NaN);
                System.out.printf(Locale.ROOT, "{\"bench\": \"peer_decode\", \"size\": \"%s\", \"batch\": %d, "
                                + "\"tf_java_step_ms\": %.3f, \"transformers_generate_step_ms\": %.3f, "
                                + "\"speedup_vs_generate\": %.2f%s}%n", s.name(), b, tf, torch, torch / tf,
                        res.has("error") ? ", \"error\": " + JSON.valueToTree(res.get("error").asText()) : "");
            }
        } finally {
            TrainingCheckpoint.deleteTree(dir);
        }
    }

    /** null when torch and transformers import (after a pip install if needed), else why not. */
    private static String ensureTorch(String python) throws InterruptedException {
        String check = "import torch, transformers";
        if (exitCode(List.of(python, "-c", check)) == 0) {
            return null;
        }
        System.out.println("bench model --peer: installing torch and transformers with pip (once)");
        int pip = exitCode(List.of(python, "-m", "pip", "install", "-q", "torch", "transformers"));
        if (exitCode(List.of(python, "-c", check)) == 0) {
            return null;
        }
        return python + " cannot import torch and transformers (pip install exited " + pip + ")";
    }

    private static int exitCode(List<String> cmd) throws InterruptedException {
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            return p.waitFor();
        } catch (IOException e) {
            return -1;
        }
    }

    private static Map<String, Object> size(ModelBench.Size s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", s.name());
        m.put("vocab", s.vocab());
        m.put("d", s.d());
        m.put("layers", s.layers());
        m.put("heads", s.heads());
        m.put("kv_heads", s.kvHeads());
        m.put("batch", s.batch());
        m.put("seq", s.seq());
        return m;
    }

    private static double median(List<Double> xs) {
        return DecodeBench.median(xs.stream().mapToDouble(Double::doubleValue).toArray());
    }

    private static String rounded(List<Double> xs) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < xs.size(); i++) {
            sb.append(i == 0 ? "" : ", ").append(Math.round(xs.get(i)));
        }
        return sb.append(']').toString();
    }

    /** The peer process: one JSON request line in, one JSON line out. */
    private record Peer(BufferedReader out, Writer in) {
        JsonNode call(Map<String, Object> request) throws IOException {
            in.write(JSON.writeValueAsString(request) + "\n");
            in.flush();
            return read();
        }

        JsonNode read() throws IOException {
            String line = out.readLine();
            if (line == null) {
                throw new IOException("the PyTorch peer exited (its stderr is above)");
            }
            return JSON.readTree(line);
        }
    }
}
