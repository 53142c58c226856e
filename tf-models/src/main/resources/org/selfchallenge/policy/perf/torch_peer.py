"""The PyTorch peer of `run.sh bench model --peer`: the same Llama configurations, loss and optimizer as the
TF Java trainer, in transformers' LlamaForCausalLM on torch, the stack users would otherwise pick.

It is a server so that the Java side can interleave runs (A/B/A/B in one process each, both warm): it reads
one JSON request per line on stdin and answers one JSON line on stdout.
  {"op": "train", "size": {...}, "steps": N, "attn": "eager" | "sdpa", "compile": false}
  {"op": "decode", "size": {...}, "batch": B, "prompt": P, "steps": N}
  {"op": "peak"}
size: {"name", "vocab", "d", "layers", "heads", "kv_heads", "batch", "seq"} as ModelBench.Size; intermediate
size 4 d, rope theta 10000, RMS eps 1e-6, untied embeddings (ModelBench.config).
Training: masked mean token cross-entropy (tokens j > seq/4, ModelBench.batch's pattern), global-norm clip 1.0,
AdamW lr 1e-4, betas (0.9, 0.999), eps 1e-8, no decay (TrainConfig's defaults); one warm-up step.
"""
import json
import sys
import time

import torch
import transformers


def _model(size, attn):
    cfg = transformers.LlamaConfig(
        vocab_size=size["vocab"], hidden_size=size["d"], intermediate_size=4 * size["d"],
        num_hidden_layers=size["layers"], num_attention_heads=size["heads"],
        num_key_value_heads=size["kv_heads"], max_position_embeddings=4096, rope_theta=10000.0,
        rms_norm_eps=1e-6, tie_word_embeddings=False, attn_implementation=attn)
    torch.manual_seed(1)
    return transformers.LlamaForCausalLM(cfg).float()


def _batch(size, step):
    b, t, v = size["batch"], size["seq"], size["vocab"]
    i = torch.arange(b).unsqueeze(1)
    j = torch.arange(t).unsqueeze(0)
    ids = (j * 31 + i * 17 + step * 7) % v
    mask = (j > t // 4).expand(b, t)
    return ids, mask


def train(req):
    size, steps = req["size"], req["steps"]
    model = _model(size, req.get("attn", "eager"))
    model.train()
    opt = torch.optim.AdamW(model.parameters(), lr=1e-4, betas=(0.9, 0.999), eps=1e-8, weight_decay=0.0)

    def forward_loss(ids, mask):
        logits = model(input_ids=ids).logits[:, :-1].float()
        targets = ids[:, 1:]
        m = mask[:, 1:].float()
        nll = torch.nn.functional.cross_entropy(logits.reshape(-1, logits.shape[-1]), targets.reshape(-1),
                                                reduction="none").view_as(m)
        return (nll * m).sum() / m.sum()

    if req.get("compile"):
        forward_loss = torch.compile(forward_loss)

    def step(i):
        ids, mask = _batch(size, i)
        loss = forward_loss(ids, mask)
        opt.zero_grad(set_to_none=True)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        opt.step()
        return loss.item()

    step(0)  # warm-up (allocations; compilation when asked)
    t0 = time.perf_counter()
    for i in range(1, steps + 1):
        step(i)
    sec = time.perf_counter() - t0
    return {"step_ms": sec * 1000 / steps, "tokens_per_s": steps * size["batch"] * size["seq"] / sec}


@torch.no_grad()
def decode(req):
    size, b, prompt, steps = req["size"], req["batch"], req["prompt"], req["steps"]
    model = _model(size, "sdpa").eval()
    i = torch.arange(b).unsqueeze(1)
    j = torch.arange(prompt).unsqueeze(0)
    ids = (i * 13 + j * 7) % size["vocab"]
    kw = dict(do_sample=False, pad_token_id=0, eos_token_id=None)

    def timed(n):
        t0 = time.perf_counter()
        out = model.generate(ids, max_new_tokens=n, min_new_tokens=n, **kw)
        assert out.shape[1] == prompt + n
        return time.perf_counter() - t0

    timed(steps)  # warm-up
    rounds = sorted((timed(steps + 1) - timed(1)) * 1000 / steps for _ in range(3))
    return {"step_ms": rounds[1], "tokens_per_s": b * 1000 / rounds[1]}


def peak():
    n, chain = 2048, 8
    x = torch.rand(n, n) * 0.01
    best = 0.0
    for _ in range(10):
        t0 = time.perf_counter()
        y = x
        for _ in range(chain):
            y = y @ x
        y.sum().item()
        best = max(best, chain * 2.0 * n ** 3 / (time.perf_counter() - t0) / 1e9)
    return {"gflops": best}


def main():
    if len(sys.argv) > 1:
        torch.set_num_threads(int(sys.argv[1]))
    torch.set_num_interop_threads(1)
    print(json.dumps({"ready": True, "torch": torch.__version__, "transformers": transformers.__version__,
                      "threads": torch.get_num_threads()}), flush=True)
    for line in sys.stdin:
        req = json.loads(line)
        try:
            op = req["op"]
            out = train(req) if op == "train" else decode(req) if op == "decode" else peak()
        except Exception as e:  # a failed mode (e.g. torch.compile without a compiler) is reported, not fatal
            out = {"error": "%s: %s" % (type(e).__name__, str(e)[:500])}
        print(json.dumps(out), flush=True)


if __name__ == "__main__":
    main()
