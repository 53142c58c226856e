#!/usr/bin/python3
"""Golden fixture for LoRA training, from the independent PyTorch reference in make_goldens.py.

Run with Debian's PyTorch (see make_goldens.py):
    /usr/bin/python3 tf-models/src/test/python/make_lora_goldens.py tf-models/src/test/resources/goldens

Writes goldens/llama_lora/: a base checkpoint (config.json, model.safetensors), a PEFT adapter
(adapter_model.safetensors with base_model.model.<module>.lora_A/lora_B.weight, adapter_config.json) with
non-zero A and B, and golden.json: per-token log-probs of the adapted model, the masked NLL and its
gradients with respect to some adapters, and two AdamW steps (clipping, decoupled decay) on the adapters
alone, with the merged weights W + (alpha / r) B A after them. The adapted projection is computed as the
merged weight here, so the factored form the Java graph uses is checked against it, not copied from it.
"""
import json
import os
import sys

import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import make_goldens as mg  # noqa: E402

torch.set_default_dtype(torch.float64)

NAME = "llama_lora"
CONFIG = dict(model_type="llama", vocab_size=61, hidden_size=16, intermediate_size=32, num_hidden_layers=2,
              num_attention_heads=4, num_key_value_heads=2, rms_norm_eps=1e-5, rope_theta=10000.0,
              tie_word_embeddings=False, max_position_embeddings=128, torch_dtype="float32", hidden_act="silu")
RANK, ALPHA = 4, 8.0
TARGETS = ["q_proj", "v_proj", "down_proj"]
MODULE = {"q_proj": "self_attn.q_proj", "k_proj": "self_attn.k_proj", "v_proj": "self_attn.v_proj",
          "o_proj": "self_attn.o_proj", "gate_proj": "mlp.gate_proj", "up_proj": "mlp.up_proj",
          "down_proj": "mlp.down_proj"}
PEFT_PREFIX = "base_model.model."


def modules(c):
    return ["model.layers.%d.%s" % (i, MODULE[t]) for i in range(c["num_hidden_layers"]) for t in TARGETS]


def merged(W, AD, c):
    """W with every adapted projection replaced by W + (alpha / r) B A."""
    out = dict(W)
    for m in modules(c):
        out[m + ".weight"] = W[m + ".weight"] + (ALPHA / RANK) * (AD[m + ".lora_B.weight"] @ AD[m + ".lora_A.weight"])
    return out


def nll(c, W, batch):
    lps = [mg.token_logprobs(c, W, b["tokens"]) for b in batch]
    ms = [torch.tensor(b["mask"], dtype=torch.float64) for b in batch]
    ntok = sum(m.sum() for m in ms)
    return -sum((m * lp).sum() for m, lp in zip(ms, lps)) / ntok


def main(out_root):
    c = CONFIG
    d = os.path.join(out_root, NAME)
    os.makedirs(d, exist_ok=True)
    gen = torch.Generator().manual_seed(4242)
    stored = mg.init_weights(c, gen)
    shapes = mg.weight_shapes(c)
    adapters = {}
    for m in modules(c):
        out, inp = shapes[m + ".weight"]
        adapters[m + ".lora_A.weight"] = (0.3 * torch.randn((RANK, inp), generator=gen)).float()
        adapters[m + ".lora_B.weight"] = (0.3 * torch.randn((out, RANK), generator=gen)).float()
    with open(os.path.join(d, "config.json"), "w") as f:
        json.dump(c, f, indent=2)
    mg.write_safetensors(os.path.join(d, "model.safetensors"), stored)
    mg.write_safetensors(os.path.join(d, "adapter_model.safetensors"),
                         {PEFT_PREFIX + n: t for n, t in adapters.items()})
    with open(os.path.join(d, "adapter_config.json"), "w") as f:
        json.dump(dict(peft_type="LORA", task_type="CAUSAL_LM", r=RANK, lora_alpha=ALPHA, lora_dropout=0.0,
                       bias="none", target_modules=TARGETS), f, indent=2)

    g = torch.Generator().manual_seed(99)
    batch = []
    for i, L in enumerate([7, 5, 6]):
        toks = torch.randint(0, c["vocab_size"], (L,), generator=g).tolist()
        mask = [0, 0] + [1] * (L - 2)
        if i == 2:
            mask[3] = 0
        batch.append(dict(tokens=toks, mask=mask))

    W = {k: v.to(torch.float64) for k, v in stored.items()}
    AD = {k: v.to(torch.float64).clone().requires_grad_(True) for k, v in adapters.items()}
    loss = nll(c, merged(W, AD, c), batch)
    grad_names = ["model.layers.0.self_attn.q_proj.lora_A.weight", "model.layers.0.self_attn.q_proj.lora_B.weight",
                  "model.layers.1.mlp.down_proj.lora_A.weight", "model.layers.1.mlp.down_proj.lora_B.weight"]
    grads = torch.autograd.grad(loss, [AD[n] for n in grad_names])
    with torch.no_grad():
        logps = [mg.token_logprobs(c, merged(W, AD, c), b["tokens"]).tolist() for b in batch]

    # two AdamW steps on the adapters alone (the base stays frozen)
    lr, wd, betas, eps, max_norm, steps = 1e-2, 0.1, (0.9, 0.999), 1e-8, 0.5, 2
    opt = torch.optim.AdamW(list(AD.values()), lr=lr, betas=betas, eps=eps, weight_decay=wd)
    norms = []
    for _ in range(steps):
        opt.zero_grad()
        nll(c, merged(W, AD, c), batch).backward()
        norms.append(float(torch.nn.utils.clip_grad_norm_(list(AD.values()), max_norm)))
        opt.step()
    after = ["model.layers.0.self_attn.q_proj.lora_A.weight", "model.layers.0.self_attn.q_proj.lora_B.weight",
             "model.layers.1.self_attn.v_proj.lora_B.weight"]
    with torch.no_grad():
        final = merged(W, AD, c)
    golden = dict(name=NAME, rank=RANK, alpha=ALPHA, targets=TARGETS, sequences=batch, token_logprobs=logps,
                  nll=float(loss), gradients={n: gg.flatten().tolist() for n, gg in zip(grad_names, grads)},
                  adamw=dict(steps=steps, lr=lr, weight_decay=wd, beta1=betas[0], beta2=betas[1], eps=eps,
                             max_norm=max_norm, grad_norms=norms,
                             adapters_after={n: AD[n].detach().flatten().tolist() for n in after},
                             merged_after={n: final[n].flatten().tolist() for n in
                                           ["model.layers.0.self_attn.q_proj.weight",
                                            "model.layers.1.mlp.down_proj.weight"]}))
    with open(os.path.join(d, "golden.json"), "w") as f:
        json.dump(golden, f)
    print(NAME, "nll", round(float(loss), 6), "grad norms", [round(n, 6) for n in norms])


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "tf-models/src/test/resources/goldens")
