# Code-as-Task sandbox worker (started by org.selfchallenge.sandbox.PythonWorker with
# "/usr/bin/python3 -S -s -B -c <this file> MEM_BYTES CPU_SECONDS").
#
# It imports the modules task code may use, locks itself down ONCE (rlimits + a seccomp allow-list
# loaded through libseccomp with ctypes, default action EPERM) and then serves JSON lines on
# stdin/stdout for its whole life. Every tool call is proxied back to Java, which owns the
# environment state. The protocol is documented in PythonWorker.java.
import sys, os, json, ctypes, resource, random, decimal, builtins, time, gc

# Modules task code may import (already loaded, so `import x` needs no file access after lockdown).
import math, re, datetime, _strptime, collections, collections.abc, itertools, functools, operator
import string, statistics, fractions, copy, heapq, bisect, typing, enum, textwrap, unicodedata
import base64, calendar, pprint, difflib, dis

_loads = json.loads
_dumps = json.JSONEncoder(ensure_ascii=True, separators=(",", ":"), allow_nan=True).encode
_perf = time.perf_counter
_cpu = time.process_time
TUPLE = "\u0000t"


def _send(obj):
    data = (_dumps(obj) + "\n").encode("ascii")
    view = memoryview(data)
    while view:
        n = os.write(1, view)
        view = view[n:]


_stdin = sys.stdin.buffer
_readline = _stdin.readline


def _fatal(msg):
    _send({"t": "fatal", "m": msg})
    os._exit(3)


# ---------------------------------------------------------------- lockdown
SCMP_ACT_ALLOW = 0x7FFF0000
SCMP_ACT_EPERM = 0x00050000 | 1
SCMP_CMP_EQ = 4
ALLOWED = ["brk", "mmap", "munmap", "mremap", "mprotect", "madvise", "futex", "rt_sigaction",
           "rt_sigprocmask", "rt_sigreturn", "sigaltstack", "clock_gettime", "clock_getres",
           "gettimeofday", "time", "getpid", "gettid", "getrandom", "exit", "exit_group", "fstat",
           "newfstatat", "lseek", "getrusage", "sched_yield", "restart_syscall"]


class _ArgCmp(ctypes.Structure):
    _fields_ = [("arg", ctypes.c_uint), ("op", ctypes.c_int),
                ("datum_a", ctypes.c_uint64), ("datum_b", ctypes.c_uint64)]


def _lockdown(mem, cpu):
    try:
        lib = ctypes.CDLL("libseccomp.so.2")
    except OSError as e:
        _fatal("libseccomp is missing (" + str(e) + "): install it, e.g. Debian: apt-get install libseccomp2")
    lib.seccomp_init.restype = ctypes.c_void_p
    lib.seccomp_init.argtypes = [ctypes.c_uint32]
    lib.seccomp_syscall_resolve_name.argtypes = [ctypes.c_char_p]
    lib.seccomp_rule_add_array.argtypes = [ctypes.c_void_p, ctypes.c_uint32, ctypes.c_int,
                                           ctypes.c_uint, ctypes.POINTER(_ArgCmp)]
    lib.seccomp_load.argtypes = [ctypes.c_void_p]
    ctx = lib.seccomp_init(SCMP_ACT_EPERM)
    if not ctx:
        _fatal("seccomp_init failed")

    def allow(name, fd=None):
        nr = lib.seccomp_syscall_resolve_name(name.encode())
        if nr < 0:
            return
        if fd is None:
            rc = lib.seccomp_rule_add_array(ctx, SCMP_ACT_ALLOW, nr, 0, None)
        else:
            cmp = (_ArgCmp * 1)(_ArgCmp(0, SCMP_CMP_EQ, fd, 0))
            rc = lib.seccomp_rule_add_array(ctx, SCMP_ACT_ALLOW, nr, 1, cmp)
        if rc != 0:
            _fatal("seccomp_rule_add failed for " + name)

    for name in ALLOWED:
        allow(name)
    allow("read", 0)       # requests and tool results from Java
    allow("write", 1)      # replies to Java
    allow("write", 2)      # CPython's own fatal-error path
    resource.setrlimit(resource.RLIMIT_AS, (mem, mem))
    resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu + 5))
    resource.setrlimit(resource.RLIMIT_FSIZE, (0, 0))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    resource.setrlimit(resource.RLIMIT_NOFILE, (3, 3))
    if lib.seccomp_load(ctx) != 0:
        _fatal("seccomp_load failed")
    lib.seccomp_release(ctx)
    # Self-test: file system and process creation must now be refused.
    for probe in (lambda: os.open("/etc/hostname", os.O_RDONLY), lambda: os.getcwd()):
        try:
            probe()
            _fatal("seccomp filter is not effective")
        except PermissionError:
            pass


_lockdown(int(sys.argv[1]), int(sys.argv[2]))
os.environ.clear()
for _name in ("ctypes", "_ctypes", "ctypes._endian", "resource"):
    sys.modules.pop(_name, None)
sys.meta_path[:] = []          # no new imports: only the modules loaded above exist
sys.path_hooks[:] = []
sys.path_importer_cache.clear()
sys.dont_write_bytecode = True

# ---------------------------------------------------------------- values
def _enc(v):
    """Python value -> JSON-able value; tuples are tagged so they survive the trip."""
    if v is None or v is True or v is False or type(v) in (int, float, str):
        return v
    if isinstance(v, (list,)):
        return [_enc(x) for x in v]
    if isinstance(v, tuple):
        return {TUPLE: [_enc(x) for x in v]}
    if isinstance(v, dict):
        out = {}
        for k, x in v.items():
            if isinstance(k, str):
                out[k] = _enc(x)
            elif k is None or isinstance(k, (bool, int, float)):
                out[_dumps(k)] = _enc(x)
            else:
                raise TypeError("dict keys must be str, int, float, bool or None, not " + type(k).__name__)
        return out
    if isinstance(v, (bool, int, float, str)):   # subclasses: plain values only
        return _enc((bool if isinstance(v, bool) else int if isinstance(v, int)
                     else float if isinstance(v, float) else str)(v))
    raise TypeError("values passed to tools or submit_answer must be None, bool, int, float, str, "
                    "list, tuple or dict, not " + type(v).__name__)


def _hook(d):
    if len(d) == 1 and TUPLE in d:
        return tuple(d[TUPLE])
    return d


_dec = json.JSONDecoder(object_hook=_hook).decode


def _dec_json_text(s):
    t = s.lstrip()
    if t[:1] in ("{", "["):
        try:
            return _loads(s)
        except ValueError:
            pass
    return s


# ---------------------------------------------------------------- output capture
class _OutputLimit(BaseException):
    pass


class _Capture:
    def __init__(self):
        self.reset(0, 0)

    def reset(self, keep, hard):
        self.parts, self.kept, self.total, self.keep, self.hard, self.over = [], 0, 0, keep, hard, False

    def write(self, s):
        if not isinstance(s, str):
            raise TypeError("write() argument must be str, not " + type(s).__name__)
        n = len(s)
        self.total += n
        if self.kept < self.keep:
            part = s[: self.keep - self.kept]
            self.parts.append(part)
            self.kept += len(part)
        if self.total > self.hard:
            self.over = True
            raise _OutputLimit("output limit exceeded")
        return n

    def flush(self):
        pass

    def text(self):
        return "".join(self.parts)


_cap = _Capture()
sys.stdout = _cap
sys.stderr = _cap

# ---------------------------------------------------------------- tools
class ToolError(Exception):
    """A tool reported an error (tau-bench: a result string starting with 'Error:')."""


_RAISABLE = {n: getattr(builtins, n) for n in dir(builtins)
             if isinstance(getattr(builtins, n), type) and issubclass(getattr(builtins, n), Exception)}
_tools = {}
_state = {"calls": 0, "answer": None, "has_answer": False, "case": 0, "wait": 0.0}


def _call(name, kw):
    _send({"t": "call", "c": _state["case"], "n": name, "a": _enc(kw)})
    t0 = _perf()
    line = _readline()
    _state["wait"] += _perf() - t0
    if not line:
        os._exit(0)
    r = _dec(line.decode("ascii"))
    if "v" in r:
        return r["v"]
    if "j" in r:
        return _dec_json_text(r["j"])
    exc = _RAISABLE.get(r.get("x"), ToolError)
    raise exc(r.get("m", ""))


def _make_tool(name, params, varargs, required):
    known = frozenset(params)

    def tool(*args, **kwargs):
        if len(args) > len(params) and varargs is None:
            raise TypeError("%s() takes %d positional arguments but %d were given" % (name, len(params), len(args)))
        kw = dict(zip(params, args))
        if varargs is not None:
            kw[varargs] = tuple(args[len(params):])
        for k, v in kwargs.items():
            if k in kw:
                raise TypeError("%s() got multiple values for argument '%s'" % (name, k))
            if k not in known:
                raise TypeError("%s() got an unexpected keyword argument '%s'" % (name, k))
            kw[k] = v
        missing = [p for p in required if p not in kw]
        if missing:
            raise TypeError("%s() missing required argument(s): %s" % (name, ", ".join(repr(m) for m in missing)))
        return _call(name, kw)

    tool.__name__ = tool.__qualname__ = name
    return tool


def _define_tools(specs):
    _tools.clear()
    for s in specs:
        _tools[s["name"]] = _make_tool(s["name"], s["params"], s.get("varargs"), s.get("required", []))


def submit_answer(answer):
    """Records the run's final answer (answer-based tasks); evaluate() reads it via final_answer()."""
    _state["answer"] = _dumps(_enc(answer))
    _state["has_answer"] = True


# ---------------------------------------------------------------- taint analysis
# Code that could reach interpreter internals, file descriptors or shared module state. It still
# runs (inside the jail), but the worker is replaced afterwards so nothing survives to later tasks.
_BAD_NAMES = frozenset("""sys os posix io _io codecs builtins ctypes gc inspect importlib marshal pickle
socket subprocess signal resource threading _thread pathlib shutil tempfile fcntl mmap select
linecache traceback warnings types weakref dis setattr delattr getattr vars globals locals eval exec
compile open breakpoint input memoryview attrgetter methodcaller""".split())
_FRAME_PREFIXES = ("f_", "gi_", "cr_", "ag_", "tb_", "co_")
_STORE_OPS = bytes([dis.opmap[o] for o in ("STORE_ATTR", "DELETE_ATTR") if o in dis.opmap])


def _tainted(code):
    for n in code.co_names:
        if n in _BAD_NAMES or (n[:1] == "_" and n != "_") or n.startswith(_FRAME_PREFIXES):
            return True
    ops = code.co_code[::2]
    for op in _STORE_OPS:
        if op in ops:
            return True
    for c in code.co_consts:
        if hasattr(c, "co_code") and _tainted(c):
            return True
    return False


# ---------------------------------------------------------------- running code
_REMOVED_BUILTINS = ("open", "input", "breakpoint", "help", "exit", "quit", "copyright", "credits", "license")
_BUILTINS = {k: v for k, v in builtins.__dict__.items() if k not in _REMOVED_BUILTINS}
_DEFAULT_DECIMAL = decimal.Context()


def _namespace(extra):
    ns = {"__builtins__": dict(_BUILTINS), "__name__": "__main__", "ToolError": ToolError}
    ns.update(_tools)
    ns.update(extra)
    return ns


def _fresh_run_state(limits):
    random.seed(0)
    decimal.setcontext(_DEFAULT_DECIMAL.copy())
    _cap.reset(limits[0], limits[1])
    _state["wait"] = 0.0


def _format_exc(e, src):
    lines = []
    tb = e.__traceback__
    while tb is not None:
        co = tb.tb_frame.f_code
        if co.co_filename.startswith("<task"):
            ln = tb.tb_lineno
            text = ""
            if src is not None and ln is not None:
                all_lines = src.splitlines()
                if 0 < ln <= len(all_lines):
                    text = ": " + all_lines[ln - 1].strip()[:160]
            lines.append("line %s in %s%s" % (ln, co.co_name, text))
        tb = tb.tb_next
    try:
        msg = str(e)
    except BaseException:
        msg = "<unprintable>"
    head = type(e).__name__ + (": " + msg[:2000] if msg else "")
    return "\n".join(lines[-5:] + [head])


def _compile(src, label):
    try:
        return compile(src, "<task:" + label + ">", "exec", dont_inherit=True), None
    except (SyntaxError, ValueError, OverflowError, MemoryError, RecursionError) as e:
        if isinstance(e, SyntaxError):
            return None, "%s: %s (line %s)" % (type(e).__name__, e.msg, e.lineno)
        return None, "%s: %s" % (type(e).__name__, e)


def _exec(code, ns, src):
    """Runs code in ns; returns (status, error). Status: ok | raised | output."""
    try:
        exec(code, ns)
        status, err = "ok", None
    except _OutputLimit:
        status, err = "output", "output limit exceeded"
    except BaseException as e:
        status, err = "raised", _format_exc(e, src)
    if _cap.over:
        status, err = "output", "output limit exceeded (%d characters)" % _cap.total
    return status, err


def _result(status, err, t0, taint, extra=None):
    r = {"s": status, "o": _cap.text(), "n": _cap.total, "d": _perf() - t0, "w": _state["wait"], "k": taint}
    if err is not None:
        r["e"] = err
    if extra:
        r.update(extra)
    return r


def _run_case(src, label, limits):
    """Case code (solution, failure case or a session step) in a fresh namespace."""
    _fresh_run_state(limits)
    _state["answer"], _state["has_answer"] = None, False
    t0 = _perf()
    code, err = _compile(src, label)
    if code is None:
        return _result("syntax", err, t0, False)
    taint = _tainted(code)
    status, err = _exec(code, _namespace({"submit_answer": submit_answer}), src)
    extra = {"a": _state["answer"]} if _state["has_answer"] else None
    return _result(status, err, t0, taint, extra)


def _run_evaluate(src, answer_json, limits):
    """evaluate() in its own namespace; final_answer() returns a fresh copy of the answer."""
    _fresh_run_state(limits)
    t0 = _perf()
    code, err = _compile(src, "evaluate")
    if code is None:
        return _result("syntax", err, t0, False)
    taint = _tainted(code)

    def final_answer():
        return None if answer_json is None else _dec(answer_json)

    ns = _namespace({"final_answer": final_answer})
    status, err = _exec(code, ns, src)
    if status != "ok":
        return _result(status, err, t0, taint)
    fn = ns.get("evaluate")
    if not callable(fn):
        return _result("noeval", "the evaluation function does not define evaluate()", t0, taint)
    try:
        value = fn()
        status, err = "ok", None
    except _OutputLimit:
        status, err, value = "output", "output limit exceeded", None
    except BaseException as e:
        status, err, value = "raised", _format_exc(e, src), None
    if _cap.over:
        status, err = "output", "output limit exceeded (%d characters)" % _cap.total
    if status != "ok":
        return _result(status, err, t0, taint)
    if value is True or value is False:
        return _result("ok", None, t0, taint, {"v": value})
    try:
        rep = repr(value)[:200]
    except BaseException:
        rep = "<unprintable>"
    return _result("ok", None, t0, taint, {"vt": type(value).__name__, "vr": rep})


_session = {}


def _serve():
    global _session
    while True:
        line = _readline()
        if not line:
            os._exit(0)
        req = _loads(line)
        op = req["op"]
        limits = req.get("lim", (10000, 1000000))
        if op == "tools":
            _define_tools(req["tools"])
            continue
        if op == "steps":
            # Verification: steps are case runs {"c": i, "code": src, "ar": allow_raise} and evaluate
            # runs {"c": i, "ev": expected bool, "a": answer json (optional)}. Each result is sent as
            # soon as the run ends (Java restarts its per-run wall clock on it). Stops at the first
            # unexpected outcome, and after any tainted run (Java continues on a clean worker).
            answers = {}
            for st in req["steps"]:
                i = st["c"]
                _state["case"] = i
                if "chk" in st:
                    # the evaluation function must be valid code defining evaluate, before anything runs
                    _fresh_run_state(limits)
                    t0 = _perf()
                    code, err = _compile(req["eval"], "evaluate")
                    if code is None:
                        r = _result("syntax", err, t0, False)
                    elif "evaluate" not in code.co_names:
                        r = _result("noeval", "the evaluation function does not define evaluate()", t0, False)
                    else:
                        r = _result("ok", None, t0, False)
                    _send({"t": "r", "r": r})
                    if r["s"] != "ok":
                        break
                elif "code" in st:
                    r = _run_case(st["code"], "case%d" % i, limits)
                    _send({"t": "r", "r": r})
                    answers[i] = r.get("a")
                    if r["k"] or not (r["s"] == "ok" or (r["s"] == "raised" and st["ar"])):
                        break
                else:
                    ev = _run_evaluate(req["eval"], st["a"] if "a" in st else answers.get(i), limits)
                    _send({"t": "r", "r": ev})
                    if ev["k"] or ev["s"] != "ok" or ev.get("v") is not st["ev"]:
                        break
            _send({"t": "done", "cpu": _cpu()})
        elif op == "run":
            _state["case"] = 0
            if req.get("fresh"):
                _session = _namespace({"submit_answer": submit_answer})
                _state["answer"], _state["has_answer"] = None, False
            _fresh_run_state(limits)
            t0 = _perf()
            code, err = _compile(req["code"], "step")
            if code is None:
                r = _result("syntax", err, t0, False)
            else:
                taint = _tainted(code)
                status, err = _exec(code, _session, req["code"])
                r = _result(status, err, t0, taint, {"a": _state["answer"]} if _state["has_answer"] else None)
            _send({"t": "r", "r": r})
            _send({"t": "done", "cpu": _cpu()})
        elif op == "eval":
            _session = {}
            _state["case"] = 0
            _send({"t": "r", "r": _run_evaluate(req["src"], req.get("a"), req.get("lim", limits))})
            _send({"t": "done", "cpu": _cpu()})
        elif op == "gc":
            _session = {}
            gc.collect()
        else:
            _fatal("unknown op " + str(op))


_send({"t": "ready", "pid": os.getpid()})
_serve()
