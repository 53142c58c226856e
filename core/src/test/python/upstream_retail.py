"""Loads the UPSTREAM τ-bench retail tools from a tau-bench checkout (sierra-research/tau-bench,
tau_bench/envs/retail/tools) without importing the package (which pulls in LLM clients), and offers
Env.step's tool conventions and the data hash. Nothing from upstream is copied into this repository.
"""
import importlib.util, json, os, sys, types
from hashlib import sha256

TOOLS = {}
DATA_DIR = None


def init(repo, data_dir):
    global DATA_DIR
    DATA_DIR = data_dir
    for name in ("tau_bench", "tau_bench.envs", "tau_bench.envs.retail", "tau_bench.envs.retail.tools"):
        sys.modules[name] = types.ModuleType(name)
        sys.modules[name].__path__ = []
    _load("tau_bench.envs.tool", os.path.join(repo, "tau_bench/envs/tool.py"))
    tools_dir = os.path.join(repo, "tau_bench/envs/retail/tools")
    for f in sorted(os.listdir(tools_dir)):
        if f.endswith(".py") and f != "__init__.py":
            m = _load("tau_bench.envs.retail.tools." + f[:-3], os.path.join(tools_dir, f))
            for v in vars(m).values():
                if isinstance(v, type) and hasattr(v, "get_info") and v.__module__ == m.__name__:
                    TOOLS[v.get_info()["function"]["name"]] = v


def _load(name, path):
    spec = importlib.util.spec_from_file_location(name, path)
    mod = importlib.util.module_from_spec(spec)
    sys.modules[name] = mod
    spec.loader.exec_module(mod)
    return mod


def load_data():
    return {t: json.load(open(os.path.join(DATA_DIR, t + ".json"))) for t in ("orders", "products", "users")}


def to_hashable(item):
    if isinstance(item, dict):
        return tuple((k, to_hashable(v)) for k, v in sorted(item.items()))
    if isinstance(item, list):
        return tuple(to_hashable(e) for e in item)
    if isinstance(item, set):
        return tuple(sorted(to_hashable(e) for e in item))
    return item


def data_hash(data):
    return sha256(str(to_hashable(data)).encode()).hexdigest()


def step(data, name, kwargs):
    """Env.step for a tool action."""
    if name not in TOOLS:
        return f"Unknown action {name}"
    try:
        return TOOLS[name].invoke(data=data, **kwargs)
    except Exception as e:
        return f"Error: {e}"
