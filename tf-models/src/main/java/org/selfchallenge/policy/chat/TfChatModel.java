package org.selfchallenge.policy.chat;

import org.selfchallenge.llm.ChatModel;
import org.selfchallenge.llm.ChatRequest;
import org.selfchallenge.llm.Completion;
import org.selfchallenge.llm.SamplingParams;
import org.selfchallenge.policy.io.HfCheckpoint;
import org.selfchallenge.policy.model.LlamaModel;
import org.selfchallenge.policy.model.ModelOptions;
import org.selfchallenge.policy.sample.Generation;
import org.selfchallenge.policy.sample.Generator;
import org.selfchallenge.policy.tokenizer.PolicyTokenizer;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.CRC32;

/**
 * The TF Java policy as a {@link ChatModel}: messages are rendered with the checkpoint's chat template
 * (generation prompt appended), requests are generated together in batches of up to {@link #MAX_BATCH}
 * (left-padded, one KV-cache decode step per token for the whole batch), and each completion carries its
 * token ids and the model's log-probs of them. Stop: the checkpoint's eos tokens (kept in tokenIds, removed
 * from text) and the request's stop strings (text cut before the stop string). A request whose prompt does not
 * fit the context gets finishReason "error". Calls are serialised (one TF session).
 */
public final class TfChatModel implements ChatModel {
    public static final int MAX_BATCH = 16;
    private final LlamaModel model;
    private final PolicyTokenizer tokenizer;
    private final String id;
    private final boolean owns;

    /** Wraps a live model (e.g. a trainer's) without taking ownership. */
    public TfChatModel(LlamaModel model, PolicyTokenizer tokenizer, String id) {
        this(model, tokenizer, id, false);
    }

    private TfChatModel(LlamaModel model, PolicyTokenizer tokenizer, String id, boolean owns) {
        if (tokenizer.chatTemplate() == null) {
            throw new IllegalArgumentException("checkpoint tokenizer has no chat template");
        }
        this.model = model;
        this.tokenizer = tokenizer;
        this.id = id;
        this.owns = owns;
    }

    public static TfChatModel open(Path checkpointDir, ModelOptions options) throws IOException {
        return open(checkpointDir, options, checkpointDir.toAbsolutePath().normalize().toString());
    }

    /**
     * Opens a checkpoint whose id ({@code tf:SOURCE@fingerprint}, recorded in lineage) names
     * {@code source}: where the checkpoint lives when {@code checkpointDir} is a local copy of it.
     */
    public static TfChatModel open(Path checkpointDir, ModelOptions options, String source) throws IOException {
        PolicyTokenizer tok = PolicyTokenizer.load(checkpointDir);
        try {
            LlamaModel m = LlamaModel.load(checkpointDir, options);
            return new TfChatModel(m, tok, "tf:" + source + "@" + fingerprint(checkpointDir), true);
        } catch (IOException | RuntimeException e) {
            tok.close();
            throw e;
        }
    }

    /** CRC32 of config and weight files: the model version recorded in lineage. */
    static String fingerprint(Path dir) throws IOException {
        CRC32 crc = new CRC32();
        List<Path> files = new ArrayList<>();
        try (Stream<Path> s = Files.list(dir)) {
            s.filter(p -> {
                String n = p.getFileName().toString();
                return n.endsWith(".safetensors") || n.equals(HfCheckpoint.CONFIG) || n.equals(HfCheckpoint.INDEX);
            }).sorted().forEach(files::add);
        }
        byte[] buf = new byte[1 << 16];
        for (Path p : files) {
            try (InputStream in = Files.newInputStream(p)) {
                int r;
                while ((r = in.read(buf)) > 0) {
                    crc.update(buf, 0, r);
                }
            }
        }
        return String.format("%08x", crc.getValue());
    }

    @Override
    public String id() {
        return id;
    }

    public PolicyTokenizer tokenizer() {
        return tokenizer;
    }

    @Override
    public synchronized List<Completion> complete(List<ChatRequest> batch) {
        List<Completion> out = new ArrayList<>(batch.size());
        for (int s = 0; s < batch.size(); s += MAX_BATCH) {
            out.addAll(completeChunk(batch.subList(s, Math.min(batch.size(), s + MAX_BATCH))));
        }
        return out;
    }

    private List<Completion> completeChunk(List<ChatRequest> chunk) {
        Completion[] res = new Completion[chunk.size()];
        List<int[]> prompts = new ArrayList<>();
        List<SamplingParams> params = new ArrayList<>();
        List<Integer> index = new ArrayList<>();
        int limit = model.config.maxPositionEmbeddings;
        for (int i = 0; i < chunk.size(); i++) {
            ChatRequest r = chunk.get(i);
            try {
                int[] ids = tokenizer.encode(tokenizer.chatTemplate().render(r.messages(), true));
                if (ids.length == 0 || ids.length >= limit) {
                    res[i] = new Completion("", null, null, "error");
                    continue;
                }
                SamplingParams p = r.params();
                if (ids.length + p.maxNewTokens() > limit) {
                    p = new SamplingParams(p.temperature(), p.topP(), p.topK(), limit - ids.length, p.seed(), p.stop());
                }
                prompts.add(ids);
                params.add(p);
                index.add(i);
            } catch (RuntimeException e) {
                res[i] = new Completion("", null, null, "error");
            }
        }
        if (!prompts.isEmpty()) {
            Generator g = new Generator(model, tokenizer.stopTokenIds(), x -> tokenizer.decode(x, true));
            List<Generation> gens = g.generate(prompts, params);
            for (int k = 0; k < gens.size(); k++) {
                Generation gen = gens.get(k);
                String text = tokenizer.decode(gen.tokens(), true);
                for (String stop : params.get(k).stop()) {
                    int at = stop.isEmpty() ? -1 : text.indexOf(stop);
                    if (at >= 0) {
                        text = text.substring(0, at);
                    }
                }
                res[index.get(k)] = new Completion(text, gen.tokens(), gen.logprobs(), gen.finishReason());
            }
        }
        return List.of(res);
    }

    @Override
    public void close() {
        if (owns) {
            model.close();
            tokenizer.close();
        }
    }
}
