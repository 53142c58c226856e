#!/usr/bin/python3
"""Golden fixtures for the TF Java Llama policy, from an independent PyTorch implementation.

Run with Debian's PyTorch:  apt-get install -y --no-install-recommends python3-torch libopenblas0-pthread
    /usr/bin/python3 tf-models/src/test/python/make_goldens.py tf-models/src/test/resources/goldens

Everything here is written from the published model definitions (HF Llama/Qwen2/Mistral semantics), in
float64, with its own safetensors writer; it shares no code with the Java implementation. For each config it
writes <name>/config.json, weights (single, sharded, F32/BF16/F16) and golden.json with inputs, logits,
per-token log-probs, loss values, a few gradients and greedy tokens.
"""
import json
import math
import os
import struct
import sys

import torch

torch.set_default_dtype(torch.float64)

CONFIGS = {
    # GQA 4:2, llama3 rope scaling, untied, BF16 weights
    "llama_gqa_rope3_bf16": dict(model_type="llama", vocab_size=97, hidden_size=32, intermediate_size=64,
                                 num_hidden_layers=2, num_attention_heads=4, num_key_value_heads=2,
                                 rms_norm_eps=1e-5, rope_theta=500000.0, tie_word_embeddings=False,
                                 rope_scaling=dict(rope_type="llama3", factor=8.0, low_freq_factor=1.0,
                                                   high_freq_factor=4.0, original_max_position_embeddings=16),
                                 max_position_embeddings=128, torch_dtype="bfloat16", hidden_act="silu"),
    # Qwen2: q/k/v biases, tied embeddings, GQA 4:1, F32
    "qwen2_bias_tied": dict(model_type="qwen2", vocab_size=89, hidden_size=32, intermediate_size=48,
                            num_hidden_layers=2, num_attention_heads=4, num_key_value_heads=1,
                            rms_norm_eps=1e-6, rope_theta=1000000.0, tie_word_embeddings=True,
                            max_position_embeddings=128, torch_dtype="float32", hidden_act="silu"),
    # Mistral: explicit head_dim != hidden/heads, F16 weights, no GQA
    "mistral_headdim_f16": dict(model_type="mistral", vocab_size=64, hidden_size=24, intermediate_size=40,
                                num_hidden_layers=1, num_attention_heads=3, num_key_value_heads=3, head_dim=16,
                                rms_norm_eps=1e-5, rope_theta=10000.0, tie_word_embeddings=False,
                                max_position_embeddings=128, torch_dtype="float16", hidden_act="silu"),
    # Llama attention_bias (q,k,v,o), weights sharded over 2 files with an index
    "llama_attnbias_sharded": dict(model_type="llama", vocab_size=80, hidden_size=16, intermediate_size=32,
                                   num_hidden_layers=3, num_attention_heads=2, num_key_value_heads=1,
                                   rms_norm_eps=1e-6, rope_theta=10000.0, tie_word_embeddings=False,
                                   attention_bias=True, max_position_embeddings=128, torch_dtype="float32",
                                   hidden_act="silu"),
    # Mistral sliding-window attention with a window shorter than the sequences (W = 3)
    "mistral_sliding_window": dict(model_type="mistral", vocab_size=72, hidden_size=16, intermediate_size=32,
                                   num_hidden_layers=2, num_attention_heads=2, num_key_value_heads=1,
                                   sliding_window=3, rms_norm_eps=1e-5, rope_theta=10000.0,
                                   tie_word_embeddings=False, max_position_embeddings=128, torch_dtype="float32",
                                   hidden_act="silu"),
}
SHARDED = {"llama_attnbias_sharded"}


def weight_shapes(c):
    d, hd = c["hidden_size"], c.get("head_dim", c["hidden_size"] // c["num_attention_heads"])
    q, kv, inter = c["num_attention_heads"] * hd, c["num_key_value_heads"] * hd, c["intermediate_size"]
    qkv_bias = c["model_type"] == "qwen2" or c.get("attention_bias", False)
    o_bias = c["model_type"] != "qwen2" and c.get("attention_bias", False)
    s = {"model.embed_tokens.weight": (c["vocab_size"], d)}
    for i in range(c["num_hidden_layers"]):
        p = "model.layers.%d." % i
        s[p + "self_attn.q_proj.weight"] = (q, d)
        s[p + "self_attn.k_proj.weight"] = (kv, d)
        s[p + "self_attn.v_proj.weight"] = (kv, d)
        s[p + "self_attn.o_proj.weight"] = (d, q)
        if qkv_bias:
            s[p + "self_attn.q_proj.bias"] = (q,)
            s[p + "self_attn.k_proj.bias"] = (kv,)
            s[p + "self_attn.v_proj.bias"] = (kv,)
        if o_bias:
            s[p + "self_attn.o_proj.bias"] = (d,)
        s[p + "mlp.gate_proj.weight"] = (inter, d)
        s[p + "mlp.up_proj.weight"] = (inter, d)
        s[p + "mlp.down_proj.weight"] = (d, inter)
        s[p + "input_layernorm.weight"] = (d,)
        s[p + "post_attention_layernorm.weight"] = (d,)
    s["model.norm.weight"] = (d,)
    if not c["tie_word_embeddings"]:
        s["lm_head.weight"] = (c["vocab_size"], d)
    return s


def init_weights(c, gen):
    w = {}
    for name, shape in weight_shapes(c).items():
        if name.endswith("norm.weight"):
            t = 1.0 + 0.1 * torch.randn(shape, generator=gen, dtype=torch.float32)
        elif name.endswith(".bias"):
            t = 0.1 * torch.randn(shape, generator=gen, dtype=torch.float32)
        else:
            t = 0.3 * torch.randn(shape, generator=gen, dtype=torch.float32)
        # round to the storage dtype so the reference uses exactly the stored values
        storage = {"bfloat16": torch.bfloat16, "float16": torch.float16}.get(c["torch_dtype"], torch.float32)
        w[name] = t.to(storage)
    return w


def write_safetensors(path, tensors):
    codes = {torch.float32: "F32", torch.bfloat16: "BF16", torch.float16: "F16"}
    header, blobs, off = {}, [], 0
    for name, t in tensors.items():
        if t.dtype == torch.bfloat16:
            raw = t.contiguous().view(torch.int16).numpy().tobytes()
        else:
            raw = t.contiguous().numpy().tobytes()
        header[name] = {"dtype": codes[t.dtype], "shape": list(t.shape), "data_offsets": [off, off + len(raw)]}
        blobs.append(raw)
        off += len(raw)
    h = json.dumps(header).encode()
    h += b" " * ((8 - len(h) % 8) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(h)))
        f.write(h)
        for b in blobs:
            f.write(b)
    return off


def inv_freq(c):
    hd = c.get("head_dim", c["hidden_size"] // c["num_attention_heads"])
    f = [1.0 / (c["rope_theta"] ** (2 * i / hd)) for i in range(hd // 2)]
    rs = c.get("rope_scaling")
    if rs:
        L, lo, hi, fac = (rs["original_max_position_embeddings"], rs["low_freq_factor"], rs["high_freq_factor"],
                          rs["factor"])
        out = []
        for x in f:
            wl = 2 * math.pi / x
            if wl < L / hi:
                out.append(x)
            elif wl > L / lo:
                out.append(x / fac)
            else:
                s = (L / wl - lo) / (hi - lo)
                out.append((1 - s) * x / fac + s * x)
        f = out
    return torch.tensor(f)


def forward(c, W, ids):
    """ids: list of token lists of one sequence; full causal forward, returns logits [T, V]."""
    d = c["hidden_size"]
    H, Hkv = c["num_attention_heads"], c["num_key_value_heads"]
    hd = c.get("head_dim", d // H)
    T = len(ids)
    x = W["model.embed_tokens.weight"][torch.tensor(ids)]
    pos = torch.arange(T, dtype=torch.float64)
    ang = pos[:, None] * inv_freq(c)[None, :]
    cos, sin = torch.cos(torch.cat([ang, ang], -1)), torch.sin(torch.cat([ang, ang], -1))

    def rms(v, w):
        return v / torch.sqrt((v * v).mean(-1, keepdim=True) + c["rms_norm_eps"]) * w

    def lin(v, name):
        y = v @ W[name + ".weight"].T
        return y + W[name + ".bias"] if name + ".bias" in W else y

    def rot(v):  # v [heads, T, hd]
        a, b = v[..., : hd // 2], v[..., hd // 2:]
        return v * cos + torch.cat([-b, a], -1) * sin

    causal = torch.tril(torch.ones(T, T, dtype=torch.bool))
    if c["model_type"] == "mistral" and c.get("sliding_window"):
        i, j = torch.arange(T)[:, None], torch.arange(T)[None, :]
        causal = causal & (i - j < c["sliding_window"])
    for i in range(c["num_hidden_layers"]):
        p = "model.layers.%d." % i
        h = rms(x, W[p + "input_layernorm.weight"])
        q = rot(lin(h, p + "self_attn.q_proj").view(T, H, hd).transpose(0, 1))
        k = rot(lin(h, p + "self_attn.k_proj").view(T, Hkv, hd).transpose(0, 1))
        v = lin(h, p + "self_attn.v_proj").view(T, Hkv, hd).transpose(0, 1)
        k = k.repeat_interleave(H // Hkv, 0)
        v = v.repeat_interleave(H // Hkv, 0)
        s = (q @ k.transpose(1, 2)) / math.sqrt(hd)
        s = s.masked_fill(~causal, float("-inf"))
        a = torch.softmax(s, -1) @ v
        x = x + lin(a.transpose(0, 1).reshape(T, H * hd), p + "self_attn.o_proj")
        m = rms(x, W[p + "post_attention_layernorm.weight"])
        g = lin(m, p + "mlp.gate_proj")
        x = x + lin(torch.nn.functional.silu(g) * lin(m, p + "mlp.up_proj"), p + "mlp.down_proj")
    x = rms(x, W["model.norm.weight"])
    head = W["model.embed_tokens.weight"] if c["tie_word_embeddings"] else W["lm_head.weight"]
    return x @ head.T


def token_logprobs(c, W, seq):
    lp = torch.log_softmax(forward(c, W, seq), -1)
    out = [torch.zeros(())]
    for t in range(1, len(seq)):
        out.append(lp[t - 1, seq[t]])
    return torch.stack(out)


def losses(c, W, batch, clip_eps, kl_coef, grpo_eps):
    """Formulas as documented in the Java loss classes. mask[i] = token i trainable."""
    lps = [token_logprobs(c, W, b["tokens"]) for b in batch]
    ms = [torch.tensor(b["mask"], dtype=torch.float64) for b in batch]
    ntok = sum(m.sum() for m in ms)
    R = torch.tensor([b["reward"] for b in batch])
    nll = -sum((m * lp).sum() for m, lp in zip(ms, lps)) / ntok
    adv_rf = R - R.mean()
    reinforce = -sum(a * (m * lp).sum() for a, m, lp in zip(adv_rf, ms, lps)) / ntok
    groups = {}
    for i, b in enumerate(batch):
        groups.setdefault(b["group"], []).append(i)
    adv_g = torch.zeros(len(batch))
    for g, idx in groups.items():
        r = R[idx]
        if len(idx) > 1:
            adv_g[idx] = (r - r.mean()) / (r.std(unbiased=True) + grpo_eps)

    scale = {"nll": nll.abs(), "reinforce": sum((a.abs() * m * lp.abs()).sum() for a, m, lp in zip(adv_rf, ms, lps))
             / ntok}

    def ppo(adv, kl, key):
        tot, mag = 0.0, 0.0
        for a, m, lp, b in zip(adv, ms, lps, batch):
            old = torch.tensor(b["behaviour"])
            ratio = torch.exp(lp - old)
            surr = torch.minimum(ratio * a, torch.clamp(ratio, 1 - clip_eps, 1 + clip_eps) * a)
            term = -surr
            if kl:
                ref = torch.tensor(b["reference"])
                dlt = ref - lp
                term = term + kl_coef * (torch.exp(dlt) - dlt - 1)
            tot = tot + (m * term).sum()
            mag = mag + (m * term.abs()).sum()
        scale[key] = mag / ntok
        return tot / ntok

    values = {"nll": nll, "reinforce": reinforce, "ppo": ppo(adv_rf, False, "ppo"),
              "ppo_kl": ppo(adv_rf, True, "ppo_kl"), "grpo": ppo(adv_g, True, "grpo")}
    return values, scale, adv_rf, adv_g


def adamw_steps(c, stored, batch, steps=2, lr=1e-2, wd=0.1, betas=(0.9, 0.999), eps=1e-8, max_norm=0.5):
    """torch.optim.AdamW + clip_grad_norm_ on the masked NLL: decay on matrices/embeddings, not norms/biases."""
    W = {k: v.to(torch.float64).clone().requires_grad_(True) for k, v in stored.items()}
    decay = [v for k, v in W.items() if not (k.endswith("norm.weight") or k.endswith(".bias"))]
    no_decay = [v for k, v in W.items() if k.endswith("norm.weight") or k.endswith(".bias")]
    opt = torch.optim.AdamW([{"params": decay, "weight_decay": wd}, {"params": no_decay, "weight_decay": 0.0}],
                            lr=lr, betas=betas, eps=eps)
    norms = []
    for _ in range(steps):
        opt.zero_grad()
        loss = losses(c, W, batch, 0.2, 0.0, 1e-6)[0]["nll"]
        loss.backward()
        norms.append(float(torch.nn.utils.clip_grad_norm_(list(W.values()), max_norm)))
        opt.step()
    names = ["model.layers.0.self_attn.q_proj.weight", "model.norm.weight", "model.layers.1.mlp.down_proj.weight"]
    return dict(steps=steps, lr=lr, weight_decay=wd, beta1=betas[0], beta2=betas[1], eps=eps, max_norm=max_norm,
                grad_norms=norms, weights_after={n: W[n].detach().flatten().tolist() for n in names})


def greedy(c, W, prompt, n):
    seq = list(prompt)
    for _ in range(n):
        seq.append(int(torch.argmax(forward(c, W, seq)[-1])))
    return seq[len(prompt):]


def main(out_root):
    clip_eps, kl_coef, grpo_eps = 0.2, 0.1, 1e-6
    for ci, (name, c) in enumerate(CONFIGS.items()):
        gen = torch.Generator().manual_seed(1000 + ci)
        d = os.path.join(out_root, name)
        os.makedirs(d, exist_ok=True)
        with open(os.path.join(d, "config.json"), "w") as f:
            json.dump(c, f, indent=2)
        stored = init_weights(c, gen)
        for fn in os.listdir(d):
            if fn.endswith(".safetensors") or fn.endswith(".index.json"):
                os.remove(os.path.join(d, fn))
        if name in SHARDED:
            names = list(stored)
            half = len(names) // 2
            parts = [names[:half], names[half:]]
            wm, total = {}, 0
            for k, part in enumerate(parts):
                fn = "model-%05d-of-%05d.safetensors" % (k + 1, len(parts))
                total += write_safetensors(os.path.join(d, fn), {n: stored[n] for n in part})
                wm.update({n: fn for n in part})
            with open(os.path.join(d, "model.safetensors.index.json"), "w") as f:
                json.dump({"metadata": {"total_size": total}, "weight_map": wm}, f, indent=2)
        else:
            write_safetensors(os.path.join(d, "model.safetensors"), stored)
        W = {k: v.to(torch.float64).requires_grad_(True) for k, v in stored.items()}
        V = c["vocab_size"]
        g = torch.Generator().manual_seed(7 + ci)
        lens = [7, 5, 6, 4]
        batch = []
        for i, L in enumerate(lens):
            toks = torch.randint(0, V, (L,), generator=g).tolist()
            mask = [0, 0] + [1] * (L - 2)
            if i == 2:
                mask[3] = 0  # a masked tool-output token in the middle
            batch.append(dict(tokens=toks, mask=mask, reward=[1.0, 0.0, 0.5, 1.0][i], group=[0, 0, 1, 1][i]))
        with torch.no_grad():
            for b in batch:
                lp = token_logprobs(c, W, b["tokens"])
                noise = 0.3 * torch.randn(len(b["tokens"]), generator=g)
                # float32-representable inputs, so the Java side (float32 feeds) sees exactly these values
                b["behaviour"] = (lp + noise).float().double().tolist()
                b["reference"] = (lp - 0.5 * noise + 0.05).float().double().tolist()
            logits = [forward(c, W, b["tokens"]).tolist() for b in batch[:2]]
            logps = [token_logprobs(c, W, b["tokens"]).tolist() for b in batch]
            prompts = [batch[0]["tokens"][:5], batch[1]["tokens"][:3]]
            greedy_out = [greedy(c, W, p, 6) for p in prompts]
        L, scale, adv_rf, adv_g = losses(c, W, batch, clip_eps, kl_coef, grpo_eps)
        grad_names = ["model.embed_tokens.weight", "model.layers.0.self_attn.q_proj.weight", "model.norm.weight",
                      "model.layers.0.mlp.down_proj.weight"]
        if "model.layers.0.self_attn.q_proj.bias" in W:
            grad_names.append("model.layers.0.self_attn.q_proj.bias")
        grads = {}
        for lname in ["nll", "grpo"]:
            gs = torch.autograd.grad(L[lname], [W[n] for n in grad_names], retain_graph=True)
            grads[lname] = {n: gg.flatten().tolist() for n, gg in zip(grad_names, gs)}
        adamw = adamw_steps(c, stored, batch) if name == "llama_gqa_rope3_bf16" else None
        golden = dict(name=name, adamw=adamw, clip_eps=clip_eps, kl_coef=kl_coef, grpo_eps=grpo_eps,
                      sequences=batch, logits=logits, token_logprobs=logps,
                      losses={k: float(v) for k, v in L.items()},
                      loss_scales={k: float(v) for k, v in scale.items()},
                      advantages_reinforce=adv_rf.tolist(), advantages_grpo=adv_g.tolist(),
                      gradients=grads, greedy_prompts=prompts, greedy_tokens=greedy_out)
        with open(os.path.join(d, "golden.json"), "w") as f:
            json.dump(golden, f)
        print(name, {k: round(float(v), 6) for k, v in L.items()}, "greedy", greedy_out)


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "tf-models/src/test/resources/goldens")
