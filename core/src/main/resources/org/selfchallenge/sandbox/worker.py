# Code-as-Task sandbox worker. org.selfchallenge.sandbox.PythonWorker starts it as
#   /usr/bin/python3 -S -s -B -c BOOT <this file> MEM_BYTES CPU_SECONDS JVM_PID
# where BOOT execs this file with a PRIVATE copy of the builtins dict, so task code that poisons the
# builtins module (a tainted run) cannot break the worker's own functions.
#
# It imports the modules task code may use, locks itself down ONCE (rlimits + a seccomp allow-list
# loaded through libseccomp with ctypes, default action EPERM) and then serves JSON lines on
# stdin/stdout for its whole life. Every tool call is proxied back to Java, which owns the
# environment state. The protocol is documented in PythonWorker.java.
import sys, os, json, _json, ctypes, resource, random, decimal, builtins, time, gc, signal

# Modules task code may import (already loaded, so `import x` needs no file access after lockdown).
import math, re, datetime, _strptime, collections, collections.abc, itertools, functools, operator
import string, statistics, fractions, copy, heapq, bisect, typing, enum, textwrap, unicodedata
import base64, calendar, pprint, difflib, dis

_write = os.write
_exit = os._exit
_perf = time.perf_counter
_cpu = time.process_time
TUPLE = "\u0000t"


def _no_default(o):
    raise TypeError("not JSON serializable: " + type(o).__name__)


# The C encoder/scanner themselves (captured now), so patched json modules cannot affect the protocol.
_c_encode = _json.make_encoder(None, _no_default, _json.encode_basestring_ascii, None, ":", ",",
                               False, False, True)


def _dumps(obj):
    return "".join(_c_encode(obj, 0))


_mono = time.monotonic_ns   # CLOCK_MONOTONIC, the clock of Java's System.nanoTime() on Linux
_pending = []                # run results not yet written (sent with the next message)
_sending = [False]
FLUSH_AFTER_S = 0.05         # a run still going after this long gets the queued results flushed
_setitimer = signal.setitimer


def _write_all(text):
    view = memoryview(text.encode("ascii"))
    while view:
        n = _write(1, view)
        view = view[n:]


def _send(obj):
    """Writes obj (and any queued results before it) as JSON lines in one write."""
    _sending[0] = True
    try:
        line = _dumps(obj) + "\n"
        if _pending:
            _setitimer(signal.ITIMER_REAL, 0)
            line = "".join(_pending) + line
            _pending.clear()
        _write_all(line)
    finally:
        _sending[0] = False


def _post(result):
    """Queues a run result; it goes out with the next message, so a run costs no extra write. The
    result carries its end time ("ts") so Java starts the next run's wall clock at the right moment.
    If the next run takes longer than FLUSH_AFTER_S without writing anything, SIGALRM flushes the
    queue (a run stuck inside one C call, such as 10**(10**8), cannot run the handler: its TIMEOUT
    is then reported on the earliest run whose result was still queued)."""
    result["ts"] = _mono()
    _pending.append(_dumps({"t": "r", "r": result}) + "\n")


def _arm_flush():
    if _pending:
        _setitimer(signal.ITIMER_REAL, FLUSH_AFTER_S)


def _on_alarm(signum, frame):
    if _pending and not _sending[0]:
        text = "".join(_pending)
        _pending.clear()
        _write_all(text)


signal.signal(signal.SIGALRM, _on_alarm)


_stdin = sys.stdin.buffer
_readline = _stdin.readline


def _fatal(msg):
    _send({"t": "fatal", "m": msg})
    _exit(3)


# ---------------------------------------------------------------- lockdown
SCMP_ACT_ALLOW = 0x7FFF0000
SCMP_ACT_EPERM = 0x00050000 | 1
SCMP_CMP_EQ = 4
ALLOWED = ["brk", "mmap", "munmap", "mremap", "mprotect", "madvise", "futex", "rt_sigaction",
           "rt_sigprocmask", "rt_sigreturn", "sigaltstack", "clock_gettime", "clock_getres",
           "gettimeofday", "time", "getpid", "gettid", "getrandom", "exit", "exit_group", "fstat",
           "newfstatat", "lseek", "getrusage", "sched_yield", "restart_syscall", "setitimer", "getitimer"]


class _ArgCmp(ctypes.Structure):
    _fields_ = [("arg", ctypes.c_uint), ("op", ctypes.c_int),
                ("datum_a", ctypes.c_uint64), ("datum_b", ctypes.c_uint64)]


PR_SET_PDEATHSIG = 1


def _die_with_parent(parent_pid):
    """SIGKILL this worker when the JVM's spawning thread ends, so that a busy worker never outlives
    its JVM; if the JVM is already gone, exit now."""
    libc = ctypes.CDLL(None)
    libc.prctl(PR_SET_PDEATHSIG, 9, 0, 0, 0)
    if os.getppid() != parent_pid:
        _exit(4)


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


_die_with_parent(int(sys.argv[4]))
_lockdown(int(sys.argv[2]), int(sys.argv[3]))
del sys.argv[1:]
os.environ.clear()
for _name in ("ctypes", "_ctypes", "ctypes._endian", "resource"):
    sys.modules.pop(_name, None)
sys.meta_path[:] = []          # no new imports: only the modules loaded above exist
sys.path_hooks[:] = []
sys.path_importer_cache.clear()
sys.dont_write_bytecode = True

# ---------------------------------------------------------------- values
MAX_VALUE_CHARS = 8_000_000   # text in one tool call's arguments or one answer (Java refuses > 16 MB lines)
_enc_chars = [0]


def _enc_top(v):
    """_enc for one tool call or answer, with the size budget reset."""
    _enc_chars[0] = 0
    return _enc(v)


def _enc(v):
    """Python value -> JSON-able value; tuples are tagged so they survive the trip."""
    if type(v) is str:
        _enc_chars[0] += len(v)
        if _enc_chars[0] > MAX_VALUE_CHARS:
            raise ValueError("tool arguments / answer larger than %d characters" % MAX_VALUE_CHARS)
        return v
    if v is None or v is True or v is False or type(v) in (int, float):
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


_scan_tagged = _json.make_scanner(json.JSONDecoder(object_hook=_hook))
_scan_plain = _json.make_scanner(json.JSONDecoder())


def _dec(text):
    """Wire JSON -> Python value (tuples restored)."""
    return _scan_tagged(text.strip(), 0)[0]


def _loads(text):
    """Plain JSON text (a tau-bench tool result) -> Python value; ValueError if not one JSON value."""
    t = text.strip()
    try:
        obj, end = _scan_plain(t, 0)
    except StopIteration:
        raise ValueError("not JSON")
    if end != len(t):
        raise ValueError("extra data")
    return obj


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
_state = {"calls": 0, "answer": None, "has_answer": False, "case": 0, "wait": 0.0, "taint": False}


_BUILTINS_MODULE_DICT = builtins.__dict__
_BUILTINS_SNAPSHOT = dict(builtins.__dict__)


def _restore_builtins():
    """Undoes poisoning of the builtins module (only tainted code can reach it) so that library code
    the worker relies on keeps working until the tainted worker is discarded."""
    if _BUILTINS_MODULE_DICT != _BUILTINS_SNAPSHOT:
        _BUILTINS_MODULE_DICT.clear()
        _BUILTINS_MODULE_DICT.update(_BUILTINS_SNAPSHOT)


def _call(name, kw):
    if _state["taint"]:
        _restore_builtins()
    _send({"t": "call", "c": _state["case"], "n": name, "a": _enc_top(kw)})
    t0 = _perf()
    line = _readline()
    _state["wait"] += _perf() - t0
    if not line:
        _exit(0)
    if line[:1] == b"J":      # raw tau-bench result text (one line): a JSON object/array or a string
        return _dec_json_text(line[1:-1].decode("utf-8", "surrogateescape"))
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
    if _state["taint"]:
        _restore_builtins()
    _state["answer"] = _dumps(_enc_top(answer))
    _state["has_answer"] = True


# ---------------------------------------------------------------- taint analysis
# Code that could reach interpreter internals, file descriptors or shared module state. It still
# runs (inside the jail), but the worker is replaced afterwards so nothing survives to later tasks.
_BAD_NAMES = frozenset("""sys os posix io _io codecs builtins ctypes gc inspect importlib marshal pickle
socket subprocess signal resource threading _thread pathlib shutil tempfile fcntl mmap select
linecache traceback warnings types weakref dis setattr delattr getattr vars globals locals eval exec
compile open breakpoint input memoryview attrgetter methodcaller""".split())
_FRAME_PREFIXES = ("f_", "gi_", "cr_", "ag_", "tb_", "co_")


def _shared_state_names():
    """Names through which untainted-looking code could change state shared by later tasks: public
    mutable containers of the importable modules (copy.dispatch_table, calendar.mdays, ...) and the
    module functions that change module state."""
    names = {"register", "setfirstweekday", "setlocale", "locale", "tzset", "DefaultContext",
             "BasicContext", "ExtendedContext", "traps", "flags"}
    for m in (json, json.decoder, json.encoder, json.scanner, random, decimal, time, math, re, datetime,
              collections, collections.abc, itertools, functools, operator, string, statistics, fractions,
              copy, heapq, bisect, typing, enum, textwrap, unicodedata, base64, calendar, pprint, difflib):
        for k, v in vars(m).items():
            if k[:1] != "_" and isinstance(v, (dict, list, set, bytearray, collections.deque)):
                names.add(k)
    return frozenset(names)


_BAD_NAMES = _BAD_NAMES | _shared_state_names()
_STORE_OPS = bytes([dis.opmap[o] for o in ("STORE_ATTR", "DELETE_ATTR") if o in dis.opmap])


def _names(code, out):
    out.update(code.co_names)
    for c in code.co_consts:
        if hasattr(c, "co_code"):
            _names(c, out)
    return out


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


class _Compiled:
    """A compiled piece of task code with what the worker needs to know about it."""
    __slots__ = ("code", "err", "taint", "names")

    def __init__(self, src, label):
        self.code, self.err = _compile(src, label)
        if self.code is not None:
            self.taint = _tainted(self.code)
            self.names = _names(self.code, set())
        else:
            self.taint, self.names = False, frozenset()


# ---------------------------------------------------------------- running code
_REMOVED_BUILTINS = ("open", "input", "breakpoint", "help", "exit", "quit", "copyright", "credits", "license")
_BUILTINS = {k: v for k, v in builtins.__dict__.items() if k not in _REMOVED_BUILTINS}
_DEFAULT_DECIMAL = decimal.Context()


def _namespace(extra):
    # One builtins dict shared by all namespaces of this worker: only tainted code (it needs the
    # name __builtins__ or the builtins module) can change it, and a tainted worker is discarded.
    ns = {"__builtins__": _BUILTINS, "__name__": "__main__", "ToolError": ToolError}
    ns.update(_tools)
    ns.update(extra)
    return ns


def _fresh_run_state(limits, names=None):
    """Resets what one run could change without being tainted. The random and decimal state is
    reset only for code that names those modules (others cannot reach them)."""
    _arm_flush()
    if names is None or "random" in names:
        random.seed(0)
    if names is None or "decimal" in names:
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


def _exec(code, ns, src, taint):
    """Runs code in ns; returns (status, error). Status: ok | raised | output."""
    _state["taint"] = taint
    try:
        exec(code, ns)
        status, err = "ok", None
    except _OutputLimit:
        status, err = "output", "output limit exceeded"
    except BaseException as e:
        status, err = "raised", _format_exc(e, src)
    if taint:
        _restore_builtins()
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
    """Case code (solution, failure case) in a fresh namespace."""
    c = _Compiled(src, label)
    _fresh_run_state(limits, c.names)
    _state["answer"], _state["has_answer"] = None, False
    t0 = _perf()
    if c.code is None:
        return _result("syntax", c.err, t0, False)
    status, err = _exec(c.code, _namespace({"submit_answer": submit_answer}), src, c.taint)
    extra = {"a": _state["answer"]} if _state["has_answer"] else None
    return _result(status, err, t0, c.taint, extra)


def _run_evaluate(src, answer_json, limits, compiled=None):
    """evaluate() in its own namespace; final_answer() returns a fresh copy of the answer."""
    c = compiled if compiled is not None else _Compiled(src, "evaluate")
    _fresh_run_state(limits, c.names)
    t0 = _perf()
    if c.code is None:
        return _result("syntax", c.err, t0, False)
    taint = c.taint

    def final_answer():
        if _state["taint"]:
            _restore_builtins()
        return None if answer_json is None else _dec(answer_json)

    ns = _namespace({"final_answer": final_answer})
    status, err = _exec(c.code, ns, src, taint)
    if status != "ok":
        return _result(status, err, t0, taint)
    fn = ns.get("evaluate")
    if not callable(fn):
        return _result("noeval", "the evaluation function does not define evaluate()", t0, taint)
    try:
        _state["taint"] = taint
        value = fn()
        status, err = "ok", None
    except _OutputLimit:
        status, err, value = "output", "output limit exceeded", None
    except BaseException as e:
        status, err, value = "raised", _format_exc(e, src), None
    if taint:
        _restore_builtins()
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
            _exit(0)
        req = _dec(line.decode("ascii"))
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
            ev_code = None
            for st in req["steps"]:
                i = st["c"]
                _state["case"] = i
                if "chk" in st:
                    # the evaluation function must be valid code defining evaluate, before anything runs
                    _fresh_run_state(limits, ())
                    t0 = _perf()
                    ev_code = _Compiled(req["eval"], "evaluate")
                    if ev_code.code is None:
                        r = _result("syntax", ev_code.err, t0, False)
                    elif "evaluate" not in ev_code.code.co_names:
                        r = _result("noeval", "the evaluation function does not define evaluate()", t0, False)
                    else:
                        r = _result("ok", None, t0, False)
                    _post(r)
                    if r["s"] != "ok":
                        break
                elif "code" in st:
                    r = _run_case(st["code"], "case%d" % i, limits)
                    _post(r)
                    answers[i] = r.get("a")
                    if r["k"] or not (r["s"] == "ok" or (r["s"] == "raised" and st["ar"])):
                        break
                else:
                    if ev_code is None:
                        ev_code = _Compiled(req["eval"], "evaluate")
                    ev = _run_evaluate(req["eval"], st["a"] if "a" in st else answers.get(i), limits, ev_code)
                    _post(ev)
                    # the reward is 1 only if evaluate() returns exactly True: after the solution
                    # that is required; after a failure case anything else (False, raising, a
                    # non-bool) is the wanted 0, except a broken evaluation function
                    if st["ev"]:
                        good = ev["s"] == "ok" and ev.get("v") is True
                    else:
                        good = ev["s"] == "raised" or (ev["s"] == "ok" and ev.get("v") is not True)
                    if ev["k"] or not good:
                        break
            _send({"t": "done", "cpu": _cpu()})
        elif op == "run":
            _state["case"] = 0
            if req.get("fresh"):
                _session = _namespace({"submit_answer": submit_answer})
                _state["answer"], _state["has_answer"] = None, False
            c = _Compiled(req["code"], "step")
            _fresh_run_state(limits, c.names)
            t0 = _perf()
            if c.code is None:
                r = _result("syntax", c.err, t0, False)
            else:
                taint = c.taint
                status, err = _exec(c.code, _session, req["code"], taint)
                r = _result(status, err, t0, taint, {"a": _state["answer"]} if _state["has_answer"] else None)
            _post(r)
            _send({"t": "done", "cpu": _cpu()})
        elif op == "eval":
            _session = {}
            _state["case"] = 0
            _post(_run_evaluate(req["src"], req.get("a"), req.get("lim", limits)))
            _send({"t": "done", "cpu": _cpu()})
        elif op == "gc":
            _session = {}
            gc.collect()
        else:
            _fatal("unknown op " + str(op))


_send({"t": "ready", "pid": os.getpid()})
_serve()
