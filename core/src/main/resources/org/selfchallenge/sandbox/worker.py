# Code-as-Task sandbox worker. org.selfchallenge.sandbox.PythonWorker starts it as
#   /usr/bin/python3 -S -s -B -c BOOT <this file> MEM_BYTES CPU_SECONDS JVM_PID NAMESPACES
# where BOOT execs this file with a PRIVATE copy of the builtins dict.
#
# The process Java starts is a fork server (the "zygote"). It imports the modules task code may use,
# moves itself into new user, mount, network and IPC namespaces whose root is an empty read-only
# tmpfs, forks a "template" process before any request, and then serves Java's JSON lines (protocol:
# PythonWorker.java), both under a seccomp deny-list (no exec, open, socket or namespace calls). Neither
# runs model code: every run (a case, an evaluate() call, an executor episode's code actions) happens in
# a child the template forked for that run alone, which locks itself
# down (rlimits + a seccomp allow-list: read fd 0, write fd 1, no open, no stat, no fork, no signals)
# before reading its job, talks to the zygote over a socket pair of its own, and is killed when its run
# ends. The zygote relays the child's tool calls to Java under the case it bound to that child, and
# turns the child's one result line into the run's result after checking it. So whatever Python a run
# writes (object walks into these globals, forged protocol lines, patched tool proxies), it can only
# change its own run's report: it cannot reach Java's pipe, another case's environment, the next run,
# or the case identity of an evaluate() (which learns only the final answer and the environment state,
# both owned by Java).
import sys, os, json, _json, ctypes, resource, random, decimal, builtins, time, gc, signal
import socket as _socket_mod, select as _select_mod   # the template's channel (removed from sys.modules)

# Modules task code may import (already loaded, so `import x` needs no file access in a child).
import math, re, datetime, _strptime, collections, collections.abc, itertools, functools, operator
import string, statistics, fractions, copy, heapq, bisect, typing, enum, textwrap, unicodedata
import base64, calendar, pprint, difflib, dis

_write = os.write
_read = os.read
_exit = os._exit
_perf = time.perf_counter
_mono = time.monotonic_ns   # CLOCK_MONOTONIC, the clock of Java's System.nanoTime() on Linux
TUPLE = "\u0000t"
MAX_LINE = 16 << 20         # longest line a child may send (as Java's PythonWorker.MAX_LINE_BYTES)


def _no_default(o):
    raise TypeError("not JSON serializable: " + type(o).__name__)


_c_encode = _json.make_encoder(None, _no_default, _json.encode_basestring_ascii, None, ":", ",",
                               False, False, True)


def _dumps(obj):
    return "".join(_c_encode(obj, 0))


def _write_all(fd, data):
    view = memoryview(data)
    while view:
        n = _write(fd, view)
        view = view[n:]


class _LineTooLong(Exception):
    pass


class _Lines:
    """Lines from a file descriptor with plain read(2): no buffered object is shared across a fork."""

    def __init__(self, fd, cap):
        self.fd, self.cap, self.buf, self.scan = fd, cap, bytearray(), 0

    def readline(self):
        """The next line with its newline; b"" at end of file (a partial last line is dropped)."""
        while True:
            i = self.buf.find(b"\n", self.scan)
            if i >= 0:
                line = bytes(self.buf[:i + 1])
                del self.buf[:i + 1]
                self.scan = 0
                return line
            self.scan = len(self.buf)
            if self.scan > self.cap:
                raise _LineTooLong(self.scan)
            chunk = _read(self.fd, 1 << 16)
            if not chunk:
                return b""
            self.buf += chunk


def _hook(d):
    if len(d) == 1 and TUPLE in d:
        return tuple(d[TUPLE])
    return d


_scan_tagged = _json.make_scanner(json.JSONDecoder(object_hook=_hook))
_scan_plain = _json.make_scanner(json.JSONDecoder())


def _dec(text):
    """Wire JSON -> Python value (tuples restored)."""
    t = text.strip()
    obj, end = _scan_tagged(t, 0)
    if end != len(t):
        raise ValueError("extra data")
    return obj


# ================================================================ the child: one run of model code
MAX_VALUE_CHARS = 8_000_000   # text in one tool call's arguments or one answer (Java refuses > 16 MB lines)
_enc_chars = [0]
_io = {}                      # the child's reader of fd 0 (set after fork)


def _enc_top(v):
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


def _send(obj):
    _write_all(1, (_dumps(obj) + "\n").encode("ascii"))


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


class ToolError(Exception):
    """A tool reported an error (tau-bench: a result string starting with 'Error:')."""


_RAISABLE = {n: getattr(builtins, n) for n in dir(builtins)
             if isinstance(getattr(builtins, n), type) and issubclass(getattr(builtins, n), Exception)}
_tools = {}
_state = {"answer": None, "has_answer": False, "wait": 0.0}


def _call(name, kw):
    _send({"t": "call", "n": name, "a": _enc_top(kw)})
    t0 = _perf()
    line = _io["in"].readline()
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
    _state["answer"] = _dumps(_enc_top(answer))
    _state["has_answer"] = True


_REMOVED_BUILTINS = ("open", "input", "breakpoint", "help", "exit", "quit", "copyright", "credits", "license")
_BUILTINS = {k: v for k, v in builtins.__dict__.items() if k not in _REMOVED_BUILTINS}


def _namespace(extra):
    ns = {"__builtins__": _BUILTINS, "__name__": "__main__", "ToolError": ToolError}
    ns.update(_tools)
    ns.update(extra)
    return ns


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


def _result(status, err, t0, extra=None):
    r = {"s": status, "o": _cap.text(), "n": _cap.total, "d": _perf() - t0, "w": _state["wait"]}
    if err is not None:
        r["e"] = err
    if extra:
        r.update(extra)
    return r


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


def _start_run(limits):
    _cap.reset(limits[0], limits[1])
    _state["wait"] = 0.0


def _run_code(src, label, ns, limits):
    """Case code (solution, failure case) or one code action, in ns."""
    _start_run(limits)
    t0 = _perf()
    code, err = _compile(src, label)
    if code is None:
        return _result("syntax", err, t0)
    status, err = _exec(code, ns, src)
    return _result(status, err, t0, {"a": _state["answer"]} if _state["has_answer"] else None)


def _run_evaluate(src, answer_json, limits):
    """evaluate() in a namespace of its own; final_answer() returns a fresh copy of the answer."""
    _start_run(limits)
    t0 = _perf()
    code, err = _compile(src, "evaluate")
    if code is None:
        return _result("syntax", err, t0)

    def final_answer():
        return None if answer_json is None else _dec(answer_json)

    ns = _namespace({"final_answer": final_answer})
    status, err = _exec(code, ns, src)
    if status != "ok":
        return _result(status, err, t0)
    fn = ns.get("evaluate")
    if not callable(fn):
        return _result("noeval", "the evaluation function does not define evaluate()", t0)
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
        return _result(status, err, t0)
    if value is True or value is False:
        return _result("ok", None, t0, {"v": value})
    try:
        rep = repr(value)[:200]
    except BaseException:
        rep = "<unprintable>"
    return _result("ok", None, t0, {"vt": type(value).__name__, "vr": rep})


def _child_main():
    """A child after its lock-down: the first line on fd 0 is its job, {"job": "case" | "eval" |
    "session", "tools", "lim", ...}; an episode ("session") then reads code actions until fd 0 closes."""
    sys.stdout = _cap
    sys.stderr = _cap
    line = _io["in"].readline()
    if not line:
        _exit(0)
    job = _dec(line.decode("ascii"))
    _define_tools(job["tools"])
    limits = job["lim"]
    if job["job"] == "case":
        r = _run_code(job["code"], job["label"], _namespace({"submit_answer": submit_answer}), limits)
    elif job["job"] == "eval":
        r = _run_evaluate(job["src"], job.get("a"), limits)
    else:
        ns = _namespace({"submit_answer": submit_answer})
        while True:
            line = _io["in"].readline()
            if not line:
                _exit(0)
            req = _dec(line.decode("ascii"))
            _send({"t": "r", "r": _run_code(req["code"], "step", ns, req.get("lim", limits))})
    _send({"t": "r", "r": r})
    _exit(0)


# ================================================================ lock-down
SCMP_ACT_ALLOW = 0x7FFF0000
SCMP_ACT_EPERM = 0x00050000 | 1
SCMP_CMP_EQ = 4
CHILD_SYSCALLS = ["brk", "mmap", "munmap", "mremap", "mprotect", "madvise", "futex", "rt_sigaction",
                  "rt_sigprocmask", "rt_sigreturn", "sigaltstack", "clock_gettime", "clock_getres",
                  "gettimeofday", "time", "getpid", "gettid", "getrandom", "exit", "exit_group", "fstat",
                  "lseek", "getrusage", "sched_yield", "restart_syscall"]
# what the zygote and the template never need once started (they fork, pass sockets, signal children)
SERVER_DENIED = ["execve", "execveat", "open", "openat", "openat2", "creat", "open_by_handle_at",
                 "name_to_handle_at", "socket", "connect", "bind", "listen", "accept", "accept4", "ptrace",
                 "process_vm_readv", "process_vm_writev", "mount", "umount2", "pivot_root", "chroot", "unshare",
                 "setns", "memfd_create", "bpf", "perf_event_open", "userfaultfd", "io_uring_setup",
                 "io_uring_enter", "io_uring_register", "keyctl", "add_key", "request_key", "init_module",
                 "finit_module", "delete_module", "kexec_load", "kexec_file_load", "mknod", "mknodat", "link",
                 "linkat", "symlink", "symlinkat", "unlink", "unlinkat", "rename", "renameat", "renameat2",
                 "mkdir", "mkdirat", "rmdir", "truncate", "chmod", "fchmodat", "chown", "fchownat", "lchown",
                 "setuid", "setgid", "setreuid", "setregid", "setresuid", "setresgid", "setgroups", "reboot",
                 "swapon", "swapoff", "acct", "quotactl", "fanotify_init", "personality"]
PR_SET_PDEATHSIG = 1
CLONE_NEWNS, CLONE_NEWUSER, CLONE_NEWNET, CLONE_NEWIPC = 0x00020000, 0x10000000, 0x40000000, 0x08000000
MS_RDONLY, MS_NOSUID, MS_NODEV, MS_NOEXEC, MS_REMOUNT, MS_REC, MS_PRIVATE = 1, 2, 4, 8, 32, 16384, 1 << 18


class _SockFprog(ctypes.Structure):
    _fields_ = [("len", ctypes.c_ushort), ("filter", ctypes.c_void_p)]


PR_SET_NO_NEW_PRIVS, PR_SET_SECCOMP, SECCOMP_MODE_FILTER = 38, 22, 2


class _ArgCmp(ctypes.Structure):
    _fields_ = [("arg", ctypes.c_uint), ("op", ctypes.c_int),
                ("datum_a", ctypes.c_uint64), ("datum_b", ctypes.c_uint64)]


def _fatal(msg):
    _write_all(1, (_dumps({"t": "fatal", "m": msg}) + "\n").encode("ascii"))
    _exit(3)


_libc = ctypes.CDLL(None, use_errno=True)


def _filters():
    """The seccomp filters, compiled to BPF once before the root is emptied (libseccomp is a file): the
    children's allow-list (default EPERM), and the servers' deny-list (zygote and template run no model
    code, but parse what children send; if that were ever exploited, they still cannot exec, open a
    file or a socket, or leave their namespaces)."""
    try:
        lib = ctypes.CDLL("libseccomp.so.2")
    except OSError as e:
        _fatal("libseccomp is missing (" + str(e) + "): install it, e.g. Debian: apt-get install libseccomp2")
    lib.seccomp_init.restype = ctypes.c_void_p
    lib.seccomp_init.argtypes = [ctypes.c_uint32]
    lib.seccomp_syscall_resolve_name.argtypes = [ctypes.c_char_p]
    lib.seccomp_rule_add_array.argtypes = [ctypes.c_void_p, ctypes.c_uint32, ctypes.c_int,
                                           ctypes.c_uint, ctypes.POINTER(_ArgCmp)]

    def compiled(default, action, rules):
        ctx = lib.seccomp_init(default)
        if not ctx:
            _fatal("seccomp_init failed")
        for name, fd in rules:
            nr = lib.seccomp_syscall_resolve_name(name.encode())
            if nr < 0:
                continue   # not a system call on this architecture
            if fd is None:
                rc = lib.seccomp_rule_add_array(ctx, action, nr, 0, None)
            else:
                cmp = (_ArgCmp * 1)(_ArgCmp(0, SCMP_CMP_EQ, fd, 0))
                rc = lib.seccomp_rule_add_array(ctx, action, nr, 1, cmp)
            if rc != 0:
                _fatal("seccomp_rule_add failed for " + name)
        r, w = os.pipe()
        if lib.seccomp_export_bpf(ctypes.c_void_p(ctx), w) != 0:
            _fatal("seccomp_export_bpf failed")
        os.close(w)
        bpf = b""
        while True:
            chunk = os.read(r, 1 << 16)
            if not chunk:
                break
            bpf += chunk
        os.close(r)
        lib.seccomp_release(ctypes.c_void_p(ctx))
        code = ctypes.create_string_buffer(bpf, len(bpf))
        return _SockFprog(len(bpf) // 8, ctypes.cast(code, ctypes.c_void_p)), code

    # read: tool results from the zygote; write: tool calls and the result to the zygote
    child = [(n, None) for n in CHILD_SYSCALLS] + [("read", 0), ("write", 1)]
    server = [(n, None) for n in SERVER_DENIED]
    return compiled(SCMP_ACT_EPERM, SCMP_ACT_ALLOW, child), compiled(SCMP_ACT_ALLOW, SCMP_ACT_EPERM, server)


def _lock(bpf):
    """Installs a compiled filter on this process (and so on every process it forks)."""
    return (_libc.prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) == 0
            and _libc.prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, ctypes.byref(bpf[0]), 0, 0) == 0)


def _isolate(mode):
    """New user, mount, network and IPC namespaces with an empty read-only tmpfs as root: no host file
    is visible even to metadata calls (stat), and there is no network interface. Returns "" or why not."""
    uid, gid = os.getuid(), os.getgid()
    if _libc.unshare(CLONE_NEWUSER | CLONE_NEWNS | CLONE_NEWNET | CLONE_NEWIPC) != 0:
        return "unshare: " + os.strerror(ctypes.get_errno())
    try:
        for f, text in (("setgroups", "deny"), ("uid_map", "0 %d 1" % uid), ("gid_map", "0 %d 1" % gid)):
            fd = os.open("/proc/self/" + f, os.O_WRONLY)
            try:
                os.write(fd, text.encode())
            finally:
                os.close(fd)
    except OSError as e:
        return "user namespace id maps: " + str(e)
    flags = MS_NOSUID | MS_NODEV | MS_NOEXEC
    if (_libc.mount(None, b"/", None, MS_REC | MS_PRIVATE, None) != 0
            or _libc.mount(b"tmpfs", b"/tmp", b"tmpfs", flags, b"size=4k,mode=0555") != 0
            or _libc.mount(None, b"/tmp", None, MS_REMOUNT | MS_RDONLY | flags, None) != 0):
        return "mount: " + os.strerror(ctypes.get_errno())
    os.chroot("/tmp")
    os.chdir("/")
    return ""


def _die_with(parent_pid):
    _libc.prctl(PR_SET_PDEATHSIG, 9, 0, 0, 0)
    if os.getppid() != parent_pid:
        _exit(4)


# ================================================================ start-up: isolation, then the template
_MEM, _CPU, _JVM = int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
_NS_MODE = sys.argv[5] if len(sys.argv) > 5 else "required"
_die_with(_JVM)
_child_bpf, _server_bpf = _filters()
_why_not = _isolate(_NS_MODE) if _NS_MODE != "off" else "disabled"
if _why_not and _NS_MODE == "required":
    _fatal("cannot isolate the sandbox in namespaces (" + _why_not + "); the kernel or container must allow "
           "unprivileged user namespaces, or set -Dselfchallenge.sandbox.namespaces=optional to run with "
           "seccomp and rlimits only")
_MAXFD = 64
resource.setrlimit(resource.RLIMIT_NOFILE, (_MAXFD, _MAXFD))
resource.setrlimit(resource.RLIMIT_FSIZE, (0, 0))
resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
del sys.argv[1:]
os.environ.clear()
_socketpair, _send_fds, _recv_fds, _select = (_socket_mod.socketpair, _socket_mod.send_fds, _socket_mod.recv_fds,
                                              _select_mod.select)
_AF_UNIX, _SEQPACKET = _socket_mod.AF_UNIX, _socket_mod.SOCK_SEQPACKET
for _name in ("ctypes", "_ctypes", "ctypes._endian", "resource", "socket", "_socket", "select", "selectors"):
    sys.modules.pop(_name, None)
sys.meta_path[:] = []          # no new imports: only the modules loaded above exist
sys.path_hooks[:] = []
sys.path_importer_cache.clear()
sys.dont_write_bytecode = True
decimal.setcontext(decimal.Context())
_setrlimit = resource.setrlimit
_RLIMIT_AS, _RLIMIT_CPU, _RLIMIT_NOFILE = resource.RLIMIT_AS, resource.RLIMIT_CPU, resource.RLIMIT_NOFILE
gc.collect()
gc.freeze()                    # children share the start-up heap without copying it for the collector


def _template(ctl):
    """The clean parent of every child: forked before any request, it holds nothing but the start-up
    state, so a child's memory holds nothing of another run (no other case, no plan, no verdict). Each "f"
    message hands out a child forked in advance (its pid and the zygote's end of a fresh socket pair) and
    forks the next; "k pid" kills a child not yet reaped (so a recycled pid is never hit); every exit is
    reported as "x pid status"."""
    parent = os.getpid()
    wake_r, wake_w = os.pipe()
    os.set_blocking(wake_w, False)
    signal.set_wakeup_fd(wake_w)
    signal.signal(signal.SIGCHLD, lambda *a: None)
    live = set()
    spare = _fork_child(parent, live)
    while True:
        ready = _select([ctl, wake_r], [], [])[0]
        if wake_r in ready:
            _read(wake_r, 4096)
            while live:
                pid, st = os.waitpid(-1, os.WNOHANG)
                if pid == 0:
                    break
                live.discard(pid)
                t = os.times()
                ctl.send(b"x %d %d %.4f" % (pid, st, t[0] + t[1] + t[2] + t[3]))
        if ctl in ready:
            try:
                msg = ctl.recv(64)
            except OSError:
                msg = b""
            if not msg:
                _exit(0)
            if msg[:1] == b"k":
                pid = int(msg[2:])
                if pid in live:
                    os.kill(pid, signal.SIGKILL)
                continue
            # hand out the spare (forked while the last run was going on), then fork the next one
            pid, mine = spare
            _send_fds(ctl, [b"c %d" % pid], [mine.fileno()])
            mine.close()
            spare = _fork_child(parent, live)


def _fork_child(parent, live):
    """A child, locked down and waiting for its job on fd 0; returns (pid, the zygote's end)."""
    mine, theirs = _socketpair(_AF_UNIX, _socket_mod.SOCK_STREAM)
    pid = os.fork()
    if pid == 0:
        os.dup2(theirs.fileno(), 0)
        os.dup2(theirs.fileno(), 1)
        os.closerange(2, _MAXFD)
        _die_with(parent)
        _setrlimit(_RLIMIT_AS, (_MEM, _MEM))
        _setrlimit(_RLIMIT_CPU, (_CPU, _CPU + 5))
        _setrlimit(_RLIMIT_NOFILE, (2, 2))
        if not _lock(_child_bpf):
            _exit(5)
        random.seed(0)   # fork re-seeds random from the OS (random.py's at-fork hook): undo that
        _io["in"] = _Lines(0, MAX_LINE)
        _child_main()
        _exit(6)
    theirs.close()
    live.add(pid)
    return pid, mine


if not _lock(_server_bpf):
    _fatal("cannot install the server's seccomp filter: " + os.strerror(ctypes.get_errno()))
_ctl, _tctl = _socketpair(_AF_UNIX, _SEQPACKET)
_ZYGOTE = os.getpid()
if os.fork() == 0:
    _ctl.close()
    os.close(0)                # Java's pipes are the zygote's alone
    os.close(1)
    _die_with(_ZYGOTE)
    _template(_tctl)
    _exit(0)
_tctl.close()
_exits = {}                    # pid -> wait status, as the template reported them


# ================================================================ the zygote
class _Child:
    """A forked child for one run (or one episode), seen from the zygote."""

    def __init__(self, job):
        _ctl.send(b"f")
        while True:
            msg, fds, _, _ = _recv_fds(_ctl, 64, 1)
            if not msg:
                _exit(0)
            if msg[:1] == b"x":
                _note_exit(msg)
                continue
            break
        self.pid, self.fd = int(msg[2:]), fds[0]
        self.lines = _Lines(self.fd, MAX_LINE)
        self.send((_dumps(job) + "\n").encode("ascii"))

    def pause(self):
        """Stops an episode's child between its code actions, so that nothing runs unobserved."""
        os.kill(self.pid, signal.SIGSTOP)

    def resume(self):
        os.kill(self.pid, signal.SIGCONT)

    def send(self, data):
        try:
            _write_all(self.fd, data)
            return True
        except OSError:
            return False   # it died: the next read sees end of file

    def end(self, status=False):
        """Kills the child if it still runs; with status, waits for and returns its wait status (else
        the template's report is dropped when it comes)."""
        if self.pid is None:
            return 0
        pid, self.pid = self.pid, None
        os.close(self.fd)
        if pid not in _exits:
            _ctl.send(b"k %d" % pid)
        if not status:
            if _exits.pop(pid, None) is None:
                _unwanted.add(pid)
            return 0
        while pid not in _exits:
            _note_exit(_ctl.recv(64))
        return _exits.pop(pid)


def _note_exit(msg):
    if not msg:
        _exit(0)
    _, p, st, cpu = msg.split()
    _template_cpu[0] = float(cpu)
    p = int(p)
    if p in _unwanted:
        _unwanted.discard(p)
    else:
        _exits[p] = int(st)


_unwanted = set()              # children whose exit status nobody waits for
_template_cpu = [0.0]          # CPU seconds of the template and its reaped children, as last reported


def _job(kind, limits, **kw):
    kw.update(job=kind, lim=limits, tools=_tool_specs)
    return kw


_tool_specs = []


def _died(child):
    st = child.end(status=True)
    if os.WIFSIGNALED(st):
        why = "killed by signal %d" % os.WTERMSIG(st)
        if os.WTERMSIG(st) == signal.SIGXCPU:
            why += " (CPU limit)"
    else:
        why = "exited with code %d without a result" % os.WEXITSTATUS(st)
    return {"s": "crash", "e": "its process " + why}


def _broke(child, detail):
    child.end()
    return {"s": "crash", "e": "broke the sandbox protocol (%s); its process was killed" % detail}


_STATUSES = frozenset(("ok", "raised", "syntax", "noeval", "output"))


def _checked(r, limits, evaluating):
    """The child's result, re-built from checked fields (a run can only report on itself): a value only
    from an evaluate(), an answer only from a case or code action."""
    if not isinstance(r, dict) or r.get("s") not in _STATUSES:
        raise ValueError("a result needs a known status")
    out = {"s": r["s"]}
    for k, kind, cap in (("o", str, limits[0]), ("e", str, 4000), ("vt", str, 200), ("vr", str, 200)):
        if k in r:
            if type(r[k]) is not kind:
                raise ValueError("result field %s has the wrong type" % k)
            out[k] = r[k][:cap]
    for k in ("n", "d", "w"):
        v = r.get(k, 0)
        if type(v) not in (int, float) or not v >= 0:
            raise ValueError("result field %s must be a number >= 0" % k)
        out[k] = v
    if not evaluating:
        out.pop("vt", None)
        out.pop("vr", None)
    elif "v" in r:
        if r["v"] is not True and r["v"] is not False:
            raise ValueError("result field v must be a bool")
        out["v"] = r["v"]
    if "a" in r and not evaluating:
        if type(r["a"]) is not str:
            raise ValueError("the answer must be JSON text")
        _loads(r["a"])
        out["a"] = r["a"]
    return out


def _relay(child, case, limits, evaluating=False):
    """Relays the child's tool calls to Java under `case` until its result; returns the result."""
    while True:
        try:
            line = child.lines.readline()
        except _LineTooLong:
            return _broke(child, "a line of over %d bytes" % MAX_LINE)
        if not line:
            return _died(child)
        try:
            msg = _loads(line.decode("ascii"))   # plain: tagged tuples pass through to Java as they are
            kind = msg.get("t") if isinstance(msg, dict) else None
            if kind == "call" and type(msg.get("n")) is str and isinstance(msg.get("a"), dict):
                call = _dumps({"t": "call", "c": case, "n": msg["n"], "a": msg["a"]})
            elif kind == "r":
                r = _checked(msg.get("r"), limits, evaluating)
                r["ts"] = _mono()
                return r
            else:
                return _broke(child, "unexpected message")
        except BaseException as e:
            return _broke(child, "%s: %s" % (type(e).__name__, str(e)[:200]))
        _to_java(call)
        reply = _java.readline()
        if not reply:
            _exit(0)
        child.send(reply)


def _one_run(job, case, limits):
    t0 = _perf()
    try:
        child = _Child(job)
    except OSError as e:
        return {"s": "crash", "e": "cannot start its process: %s" % e}
    t1 = _perf()
    r = _relay(child, case, limits, job["job"] == "eval")
    t2 = _perf()
    child.end()
    r["p"] = (t1 - t0) + (_perf() - t2)   # seconds the zygote spent obtaining and ending the process
    return r


def _to_java(text):
    _write_all(1, (text + "\n").encode("ascii"))


def _check_evaluate(src):
    """Whether the evaluation function compiles and names evaluate; compiling runs no task code."""
    t0 = _perf()
    code, err = _compile(src, "evaluate")
    if code is None:
        status = "syntax"
    elif "evaluate" not in code.co_names:
        status, err = "noeval", "the evaluation function does not define evaluate()"
    else:
        status = "ok"
    r = {"s": status, "o": "", "n": 0, "d": _perf() - t0, "w": 0}
    if err is not None:
        r["e"] = err
    return r


def _steps(req, limits):
    """Verification: the compile check, then case i and evaluate i in turn, each case and each
    evaluate() in a process of its own; stops at the first unexpected outcome (Java's plan)."""
    answers = {}
    for st in req["steps"]:
        i = st["c"]
        if "chk" in st:
            r = _check_evaluate(req["eval"])
            r["ts"] = _mono()
            _to_java(_dumps({"t": "r", "r": r}))
            if r["s"] != "ok":
                break
        elif "code" in st:
            r = _one_run(_job("case", limits, code=st["code"], label="case%d" % i), i, limits)
            _to_java(_dumps({"t": "r", "r": r}))
            answers[i] = r.get("a")
            if not (r["s"] == "ok" or (r["s"] == "raised" and st["ar"])):
                break
        else:
            answer = st["a"] if "a" in st else answers.get(i)
            ev = _one_run(_job("eval", limits, src=req["eval"], a=answer), i, limits)
            _to_java(_dumps({"t": "r", "r": ev}))
            # the reward is 1 only if evaluate() returns exactly True: after the solution that is
            # required; after a failure case anything else (False, raising, a non-bool) is the wanted
            # 0, except a broken evaluation function
            if st["ev"]:
                good = ev["s"] == "ok" and ev.get("v") is True
            else:
                good = ev["s"] == "raised" or (ev["s"] == "ok" and ev.get("v") is not True)
            if not good:
                break


def _cpu_seconds():
    t = os.times()
    return t[0] + t[1] + _template_cpu[0]


def _probe():
    """Self-test of the lock-down: the server cannot open even the empty root; a child's opening a file
    must be refused, and under namespaces even a stat of a host path must find nothing."""
    code = ("import os\n"
            "try:\n    os.open('/etc/hostname', os.O_RDONLY)\n    print('open')\nexcept PermissionError:\n    pass\n"
            "try:\n    os.stat('/etc')\n    print('stat')\nexcept OSError:\n    pass\n")
    try:
        os.close(os.open("/", os.O_RDONLY))
        _fatal("the server's seccomp filter is not effective")
    except PermissionError:
        pass
    r = _one_run(_job("case", [100, 1000], code=code, label="probe"), 0, [100, 1000])
    if r.get("s") != "ok" or "open" in r.get("o", "x"):
        _fatal("seccomp filter is not effective (%s)" % r)
    if not _why_not and "stat" in r.get("o", ""):
        _fatal("the namespace root is not empty")


_java = _Lines(0, 1 << 30)
_session = None


def _end_session():
    global _session
    if _session is not None:
        _session.end()
        _session = None


def _serve():
    global _session
    while True:
        line = _java.readline()
        if not line:
            _exit(0)
        req = _dec(line.decode("ascii"))
        op = req["op"]
        limits = req.get("lim", (10000, 1000000))
        if op == "tools":
            _end_session()
            _tool_specs[:] = req["tools"]   # sent with every job from now on
            continue
        if op == "steps":
            _end_session()
            _steps(req, limits)
        elif op == "run":
            # one episode's code actions share one child (and its namespace); a fresh episode gets a new one
            if req.get("fresh") or _session is None:
                _end_session()
                try:
                    _session = _Child(_job("session", limits))
                except OSError as e:
                    _session = None
                    _to_java(_dumps({"t": "r", "r": {"s": "crash", "e": "cannot start a process: %s" % e}}))
                    _to_java(_dumps({"t": "done", "cpu": _cpu_seconds()}))
                    continue
            else:
                _session.resume()
            if not _session.send(line):
                r = _died(_session)
            else:
                r = _relay(_session, 0, limits)
            if r["s"] == "crash":
                _session = None
            else:
                _session.pause()
            _to_java(_dumps({"t": "r", "r": r}))
        elif op == "eval":
            _end_session()
            lim = req.get("lim", limits)
            _to_java(_dumps({"t": "r", "r": _one_run(_job("eval", lim, src=req["src"], a=req.get("a")), 0, lim)}))
        elif op == "gc":
            _end_session()
            gc.collect()
            continue
        else:
            _fatal("unknown op " + str(op))
        _to_java(_dumps({"t": "done", "cpu": _cpu_seconds()}))


_probe()
_to_java(_dumps({"t": "ready", "pid": os.getpid(), "ns": not _why_not, "why": _why_not}))
_serve()
