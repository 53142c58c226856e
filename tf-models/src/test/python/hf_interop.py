#!/usr/bin/env python3
"""The real Hugging Face libraries (transformers, peft, tokenizers) as the oracle of HfInteropTest.

Each command prints one JSON object on stdout. Run by the test with whatever python3 has transformers,
torch and peft (`.ci/run` installs them from the Python package index):

    hf_interop.py versions
    hf_interop.py checkpoints OUT        tiny checkpoints saved by transformers, one folder per case, each with
                                         expected.json (input ids and transformers' float32 logits)
    hf_interop.py adapters BASE OUT      PEFT adapters saved by peft on top of BASE, one folder per variant,
                                         each with expected.json (ids and the adapted model's logits)
    hf_interop.py logits DIR IDS [--adapter A] [--merged-vs EXPORT]
                                         transformers' (and peft's) logits for a checkpoint we wrote; with
                                         --merged-vs, the largest difference between merge_and_unload() and
                                         the weights of EXPORT
    hf_interop.py generate DIR PROMPT N  greedy text of N new tokens through AutoTokenizer + generate()
    hf_interop.py tokenize DIR CASES     AutoTokenizer ids of texts and apply_chat_template of conversations
"""
import json
import os
import sys

import torch

torch.set_num_threads(1)
os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")

import transformers  # noqa: E402
from transformers import AutoModelForCausalLM, AutoTokenizer  # noqa: E402

# Weights drawn with this std give logits of order one, so that a wrong rope or scale shows far above 1e-4.
STD = 0.35
IDS = [3, 17, 42, 5, 88, 61, 9, 77, 23, 50, 14, 2, 95, 33, 70, 8, 46, 81, 12, 59, 27, 90, 4, 66]
SMALL = dict(vocab_size=96, hidden_size=32, intermediate_size=48, num_hidden_layers=2, num_attention_heads=4,
             num_key_value_heads=2, max_position_embeddings=64, rms_norm_eps=1e-5)


def cases():
    """name -> (config class name, kwargs, dtype saved)."""
    llama3 = dict(rope_type="llama3", factor=8.0, low_freq_factor=1.0, high_freq_factor=4.0,
                  original_max_position_embeddings=16, rope_theta=500000.0)
    return {
        "llama_bias_theta5e5": ("LlamaConfig", dict(SMALL, attention_bias=True,
                                                    rope_parameters=dict(rope_type="default", rope_theta=5e5)),
                                torch.float32),
        "llama_rope_llama3": ("LlamaConfig", dict(SMALL, head_dim=16, rope_parameters=llama3), torch.float32),
        "llama_rope_linear": ("LlamaConfig", dict(SMALL, rope_parameters=dict(rope_type="linear", factor=4.0,
                                                                              rope_theta=20000.0)),
                              torch.float32),
        "llama_tied_bf16": ("LlamaConfig", dict(SMALL, tie_word_embeddings=True, num_key_value_heads=1,
                                                rope_parameters=dict(rope_type="default", rope_theta=1e4)),
                            torch.bfloat16),
        "qwen2_theta1e6": ("Qwen2Config", dict(SMALL, tie_word_embeddings=True,
                                               rope_parameters=dict(rope_type="default", rope_theta=1e6)),
                           torch.float32),
        "mistral_sliding_headdim": ("MistralConfig", dict(SMALL, head_dim=12, sliding_window=7,
                                                          rope_parameters=dict(rope_type="default",
                                                                               rope_theta=1e5)),
                                    torch.float16),
        # what transformers < 5 wrote: rope_theta / rope_scaling at the top level, torch_dtype
        "llama_legacy_keys": ("LlamaConfig", dict(SMALL, head_dim=16, rope_parameters=llama3), torch.float32),
        "qwen2_rope_yarn": ("Qwen2Config", dict(SMALL, rope_parameters=dict(
            rope_type="yarn", factor=4.0, original_max_position_embeddings=16, rope_theta=1e6)), torch.float32),
        "llama_rope_yarn_options": ("LlamaConfig", dict(SMALL, head_dim=16, rope_parameters=dict(
            rope_type="yarn", factor=3.0, original_max_position_embeddings=32, rope_theta=5e4, beta_fast=16.0,
            beta_slow=2.0, truncate=False, attention_factor=1.25)), torch.float32),
        # saved by transformers, read by it, and not computed by the policy: expected to be refused
        "unsupported_longrope": ("LlamaConfig", dict(SMALL, rope_parameters=dict(
            rope_type="longrope", short_factor=[1.0] * 4, long_factor=[2.0] * 4, original_max_position_embeddings=16,
            rope_theta=1e4)), torch.float32),
        "unsupported_dynamic": ("LlamaConfig", dict(SMALL, rope_parameters=dict(
            rope_type="dynamic", factor=2.0, rope_theta=1e4)), torch.float32),
        "unsupported_partial_rotary": ("LlamaConfig", dict(SMALL, rope_parameters=dict(
            rope_type="default", rope_theta=1e4, partial_rotary_factor=0.5)), torch.float32),
        "unsupported_qwen2_sliding": ("Qwen2Config", dict(SMALL, use_sliding_window=True, sliding_window=4,
                                                          max_window_layers=1), torch.float32),
    }


def randomize(model, seed):
    g = torch.Generator().manual_seed(seed)
    with torch.no_grad():
        for name, p in sorted(model.named_parameters()):
            if name.endswith("norm.weight"):
                p.copy_(1 + 0.1 * torch.randn(p.shape, generator=g))
            else:
                p.copy_(STD * torch.randn(p.shape, generator=g))


def logits_of(model, ids):
    with torch.no_grad():
        return model(torch.tensor([ids])).logits[0].float().tolist()


def load(d, **kw):
    return AutoModelForCausalLM.from_pretrained(d, dtype=torch.float32, attn_implementation="eager", **kw).eval()


def make_checkpoints(out):
    done = {}
    for i, (name, (cls, kw, dtype)) in enumerate(cases().items()):
        d = os.path.join(out, name)
        cfg = getattr(transformers, cls)(**kw)
        model = AutoModelForCausalLM.from_config(cfg, attn_implementation="eager")
        randomize(model, 1000 + i)
        model.to(dtype).save_pretrained(d)
        if name == "llama_legacy_keys":
            with open(os.path.join(d, "config.json")) as f:
                c = json.load(f)
            rp = c.pop("rope_parameters")
            c["rope_theta"] = rp.pop("rope_theta")
            c["rope_scaling"] = rp
            c["torch_dtype"] = c.pop("dtype", "float32")
            with open(os.path.join(d, "config.json"), "w") as f:
                json.dump(c, f, indent=2)
        # the oracle reads the folder back as any user would, upcast to float32
        expected = dict(ids=IDS, logits=logits_of(load(d), IDS))
        with open(os.path.join(d, "expected.json"), "w") as f:
            json.dump(expected, f)
        with open(os.path.join(d, "config.json")) as f:
            done[name] = json.load(f).get("rope_parameters", "legacy")
    return dict(cases=done)


def make_adapters(base, out):
    from peft import LoraConfig, get_peft_model
    targets = ["q_proj", "v_proj", "down_proj"]
    variants = {
        "plain": dict(r=4, lora_alpha=8),
        "rslora": dict(r=4, lora_alpha=8, use_rslora=True),
        "all_projections_rslora": dict(r=2, lora_alpha=3, use_rslora=True,
                                       target_modules=["q_proj", "k_proj", "v_proj", "o_proj", "gate_proj",
                                                       "up_proj", "down_proj"]),
        "dora": dict(r=4, lora_alpha=8, use_dora=True),
        "rank_pattern": dict(r=4, lora_alpha=8, rank_pattern={"q_proj": 2}),
        "alpha_pattern": dict(r=4, lora_alpha=8, alpha_pattern={"v_proj": 16}),
        "modules_to_save": dict(r=4, lora_alpha=8, modules_to_save=["lm_head"]),
        "layers_to_transform": dict(r=4, lora_alpha=8, layers_to_transform=[0]),
        "lora_bias": dict(r=4, lora_alpha=8, lora_bias=True),
    }
    for i, (name, kw) in enumerate(variants.items()):
        kw = dict(kw)
        kw.setdefault("target_modules", targets)
        model = get_peft_model(load(base), LoraConfig(init_lora_weights=False, **kw))
        g = torch.Generator().manual_seed(2000 + i)
        with torch.no_grad():
            for n, p in sorted(model.named_parameters()):
                if "lora_" in n:
                    p.copy_(0.3 * torch.randn(p.shape, generator=g))
        d = os.path.join(out, name)
        model.save_pretrained(d)
        with open(os.path.join(d, "expected.json"), "w") as f:
            json.dump(dict(ids=IDS, logits=logits_of(model.eval(), IDS)), f)
    return dict(adapters=list(variants))


def logits(d, ids, adapter=None, merged_vs=None):
    model = load(d)
    out = {}
    if adapter:
        from peft import PeftModel
        model = PeftModel.from_pretrained(model, adapter).eval()
        out["logits"] = logits_of(model, ids)
        if merged_vs:
            from safetensors.torch import load_file
            theirs = model.merge_and_unload().state_dict()
            ours = {}
            for f in sorted(os.listdir(merged_vs)):
                if f.endswith(".safetensors"):
                    ours.update(load_file(os.path.join(merged_vs, f)))
            out["merged_max_abs_diff"] = max(float((theirs[k].float() - v.float()).abs().max())
                                             for k, v in ours.items())
            out["merged_tensors"] = len(ours)
    else:
        out["logits"] = logits_of(model, ids)
    return out


def generate(d, prompt, n):
    tok = AutoTokenizer.from_pretrained(d)
    model = load(d)
    ids = tok(prompt, return_tensors="pt", add_special_tokens=False).input_ids
    with torch.no_grad():
        gen = model.generate(ids, max_new_tokens=n, do_sample=False, attention_mask=torch.ones_like(ids),
                             pad_token_id=tok.pad_token_id)
    new = gen[0, ids.shape[1]:].tolist()
    return dict(tokens=new, text=tok.decode(new, skip_special_tokens=True))


def tokenize(d, cases_file):
    tok = AutoTokenizer.from_pretrained(d)
    with open(cases_file) as f:
        c = json.load(f)
    texts = [tok(t, add_special_tokens=False).input_ids for t in c["texts"]]
    chats = []
    for conv in c["conversations"]:
        r = tok.apply_chat_template(conv, add_generation_prompt=True, tokenize=True, return_dict=True)
        chats.append(list(r["input_ids"]))
    return dict(texts=texts, conversations=chats)


def main(argv):
    cmd = argv[0]
    if cmd == "versions":
        import peft
        import tokenizers
        r = dict(transformers=transformers.__version__, torch=torch.__version__, peft=peft.__version__,
                 tokenizers=tokenizers.__version__)
    elif cmd == "checkpoints":
        r = make_checkpoints(argv[1])
    elif cmd == "adapters":
        r = make_adapters(argv[1], argv[2])
    elif cmd == "logits":
        opts = dict(zip(argv[3::2], argv[4::2]))
        r = logits(argv[1], json.loads(argv[2]), opts.get("--adapter"), opts.get("--merged-vs"))
    elif cmd == "generate":
        r = generate(argv[1], argv[2], int(argv[3]))
    elif cmd == "tokenize":
        r = tokenize(argv[1], argv[2])
    else:
        raise SystemExit("unknown command " + cmd)
    print(json.dumps(r))


if __name__ == "__main__":
    main(sys.argv[1:])
