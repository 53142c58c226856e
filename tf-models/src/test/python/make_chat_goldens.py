#!/usr/bin/python3
"""Expected chat-template renderings, produced with Python's jinja2 configured as Hugging Face transformers
configures it for apply_chat_template (trim_blocks, lstrip_blocks, loopcontrols, tojson = json.dumps with
ensure_ascii=False, raise_exception). Needs Debian's python3-jinja2.

    /usr/bin/python3 tf-models/src/test/python/make_chat_goldens.py tf-models/src/test/resources/chat_templates
"""
import json
import os
import sys

from jinja2.exceptions import TemplateError
from jinja2.sandbox import ImmutableSandboxedEnvironment

TEMPLATES = {
    "llama31": {"bos_token": "<|begin_of_text|>", "eos_token": "<|eot_id|>"},
    "qwen25": {"bos_token": None, "eos_token": "<|im_end|>"},
}

CONVERSATIONS = [
    {"messages": [{"role": "user", "content": "Hello!"}], "add_generation_prompt": True},
    {"messages": [{"role": "system", "content": "You are a tool agent."},
                  {"role": "user", "content": "What is 2+3?"},
                  {"role": "assistant", "content": "  It is 5.  "},
                  {"role": "user", "content": "Thanks"}], "add_generation_prompt": True},
    {"messages": [{"role": "system", "content": "Be brief."},
                  {"role": "user", "content": "Say hi"},
                  {"role": "assistant", "content": "hi"}], "add_generation_prompt": False},
    {"messages": [{"role": "user", "content": "Add 1 and 2"},
                  {"role": "assistant", "content": "calling add"},
                  {"role": "tool", "content": "{\"result\": 3}"},
                  {"role": "assistant", "content": "The answer is 3."}], "add_generation_prompt": False},
]


def raise_exception(message):
    raise TemplateError(message)


def tojson(x, ensure_ascii=False, indent=None, separators=None, sort_keys=False):
    return json.dumps(x, ensure_ascii=ensure_ascii, indent=indent, separators=separators, sort_keys=sort_keys)


def main(d):
    env = ImmutableSandboxedEnvironment(trim_blocks=True, lstrip_blocks=True, extensions=["jinja2.ext.loopcontrols"])
    env.filters["tojson"] = tojson
    env.globals["raise_exception"] = raise_exception
    out = []
    for name, special in TEMPLATES.items():
        with open(os.path.join(d, name + ".jinja")) as f:
            tpl = env.from_string(f.read())
        for conv in CONVERSATIONS:
            text = tpl.render(messages=conv["messages"], tools=None, documents=None,
                              add_generation_prompt=conv["add_generation_prompt"], **special)
            out.append({"template": name, "special_tokens": special, **conv, "expected": text})
    with open(os.path.join(d, "expected.json"), "w") as f:
        json.dump(out, f, indent=1, ensure_ascii=False)
    for o in out:
        print(repr(o["expected"]))


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "tf-models/src/test/resources/chat_templates")
