package org.selfchallenge.policy.sample;

import org.selfchallenge.llm.SamplingParams;
import org.selfchallenge.policy.model.KvCache;
import org.selfchallenge.policy.model.LlamaModel;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * Batched generation: prompts are left-padded to a common length, one prefill step fills the KV cache, then
 * one decode step per new token for the whole batch. Positions count only real tokens (so padding does not
 * shift RoPE) and the key mask hides pad keys. Rows that finished keep decoding a pad token (masked out)
 * until every row is done, so each row's result is independent of its batch-mates.
 */
public final class Generator {
    private final LlamaModel model;
    private final Set<Integer> stopTokens;
    private final Function<int[], String> decoder;
    private final int padId;

    /**
     * @param stopTokens token ids that end a completion (included in its tokens)
     * @param decoder    token ids → text, used to detect stop strings (may be null when none are used)
     */
    public Generator(LlamaModel model, Set<Integer> stopTokens, Function<int[], String> decoder) {
        this.model = model;
        this.stopTokens = Set.copyOf(stopTokens);
        this.decoder = decoder;
        this.padId = 0;
    }

    public List<Generation> generate(List<int[]> prompts, List<SamplingParams> params) {
        int b = prompts.size();
        if (b == 0) {
            return List.of();
        }
        if (params.size() != b) {
            throw new IllegalArgumentException("one SamplingParams per prompt required");
        }
        int width = 0;
        int maxNew = 0;
        for (int i = 0; i < b; i++) {
            if (prompts.get(i).length == 0) {
                throw new IllegalArgumentException("prompt " + i + " is empty");
            }
            width = Math.max(width, prompts.get(i).length);
            maxNew = Math.max(maxNew, params.get(i).maxNewTokens());
        }
        model.checkIds(prompts.toArray(new int[0][]));
        int limit = model.config.maxPositionEmbeddings;
        int[][] ids = new int[b][width];
        int[][] pos = new int[b][width];
        float[][] mask = new float[b][width + maxNew];
        int[] nextPos = new int[b];
        SplitMix64[] rng = new SplitMix64[b];
        List<List<Integer>> out = new ArrayList<>();
        List<List<Float>> lps = new ArrayList<>();
        String[] finish = new String[b];
        for (int i = 0; i < b; i++) {
            int[] p = prompts.get(i);
            int off = width - p.length;
            for (int t = 0; t < width; t++) {
                ids[i][t] = t < off ? padId : p[t - off];
                pos[i][t] = t < off ? 0 : t - off;
                mask[i][t] = t < off ? 0f : 1f;
            }
            nextPos[i] = p.length;
            rng[i] = new SplitMix64(params.get(i).seed());
            out.add(new ArrayList<>());
            lps.add(new ArrayList<>());
            if (params.get(i).maxNewTokens() <= 0) {
                finish[i] = "length";
            }
        }
        KvCache cache = model.emptyCache(b);
        int[][] curIds = ids;
        int[][] curPos = pos;
        int keyLen = width;
        try {
            for (int step = 0; step < maxNew; step++) {
                float[][] km = new float[b][];
                for (int i = 0; i < b; i++) {
                    km[i] = Arrays.copyOf(mask[i], keyLen);
                }
                LlamaModel.StepOutput so = model.step(curIds, curPos, km, cache);
                cache = so.cache();
                int[][] nextIds = new int[b][1];
                int[][] nPos = new int[b][1];
                boolean anyLive = false;
                for (int i = 0; i < b; i++) {
                    if (finish[i] == null) {
                        int tok = Sampler.sample(so.lastLogits()[i], params.get(i), rng[i]);
                        out.get(i).add(tok);
                        lps.get(i).add(Sampler.logProb(so.lastLogits()[i], tok));
                        finish[i] = finished(out.get(i), params.get(i));
                        if (finish[i] == null && nextPos[i] + 1 > limit) {
                            finish[i] = "length";
                        }
                        nextIds[i][0] = tok;
                        mask[i][keyLen] = 1f;
                    } else {
                        nextIds[i][0] = padId;
                    }
                    nPos[i][0] = nextPos[i]++;
                    anyLive |= finish[i] == null;
                }
                keyLen++;
                if (!anyLive) {
                    break;
                }
                curIds = nextIds;
                curPos = nPos;
            }
        } finally {
            cache.close();
        }
        List<Generation> res = new ArrayList<>();
        for (int i = 0; i < b; i++) {
            int[] t = out.get(i).stream().mapToInt(Integer::intValue).toArray();
            float[] l = new float[t.length];
            for (int j = 0; j < l.length; j++) {
                l[j] = lps.get(i).get(j);
            }
            res.add(new Generation(t, l, finish[i] == null ? "length" : finish[i]));
        }
        return res;
    }

    private String finished(List<Integer> toks, SamplingParams p) {
        if (stopTokens.contains(toks.get(toks.size() - 1))) {
            return "stop";
        }
        if (!p.stop().isEmpty() && decoder != null) {
            String text = decoder.apply(toks.stream().mapToInt(Integer::intValue).toArray());
            for (String s : p.stop()) {
                if (!s.isEmpty() && text.contains(s)) {
                    return "stop";
                }
            }
        }
        return toks.size() >= p.maxNewTokens() ? "length" : null;
    }
}
