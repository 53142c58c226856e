package org.selfchallenge.cat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.selfchallenge.env.Environment;
import org.selfchallenge.env.Environments;
import org.selfchallenge.sandbox.SandboxLimits;
import org.selfchallenge.sandbox.SharedTestPool;

/**
 * The hostile suite: each attack is the solution of an otherwise valid retail task. Each must be
 * contained (no side effect outside the worker), get the verdict written here, end each run within
 * timeout + 1 s, and leave the pool such that a normal task verifies exactly as it does alone.
 * Attacks run in parallel (4 at a time) to keep the suite short.
 */
class HostileCodeTest {
    private static final SandboxLimits LIMITS = SandboxLimits.DEFAULT.withTimeoutMs(1_000);
    private static final long RUN_BOUND_NANOS = (LIMITS.timeoutMs() + 1_000) * 1_000_000L;
    private static ServerSocket listener;
    private static final AtomicInteger ACCEPTED = new AtomicInteger();
    private static Path marker;

    private final Verifier verifier = new Verifier(SharedTestPool.get(), new CatParser(), LIMITS);
    private final Environment retail = Environments.prototype("retail");

    @BeforeAll
    static void startListener() throws IOException {
        listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread t = new Thread(() -> {
            while (!listener.isClosed()) {
                try (Socket s = listener.accept()) {
                    ACCEPTED.incrementAndGet();
                } catch (IOException e) {
                    return;
                }
            }
        });
        t.setDaemon(true);
        t.start();
        marker = Path.of(System.getProperty("java.io.tmpdir"), "selfchallenge-hostile-" + ProcessHandle.current().pid());
        Files.deleteIfExists(marker);
    }

    @AfterAll
    static void stopListener() throws IOException {
        listener.close();
    }

    record Attack(String name, String code, Reason expected, Consumer<Verdict> check) {
        Attack(String name, String code, Reason expected) {
            this(name, code, expected, v -> { });
        }
    }

    private static String q(String s) {
        return "'" + s.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }

    private List<Attack> attacks() {
        String m = q(marker.toString());
        int port = listener.getLocalPort();
        String solution = RetailTasks.SOLUTION;
        return List.of(
                // os.system cannot fork (clone/clone3 are refused): it returns 127<<8 and nothing runs;
                // the solution then made no return, so evaluate() raises KeyError
                new Attack("os.system", "import os\nprint(os.system('touch ' + " + m + "))", Reason.EVAL_RAISED,
                        v -> assertEquals("32512\n", v.runs().get(1).stdout())),
                new Attack("read file", "import io\nprint(io.open('/etc/passwd').read())", Reason.SOLUTION_RAISED,
                        v -> assertTrue(v.detail().endsWith("PermissionError: [Errno 1] Operation not permitted: '/etc/passwd'"), v.detail())),
                new Attack("write file", "import io\nio.open(" + m + ", 'w').write('x')", Reason.SOLUTION_RAISED),
                new Attack("open builtin", "open('/etc/passwd')", Reason.SOLUTION_RAISED,
                        v -> assertTrue(v.detail().endsWith("NameError: name 'open' is not defined"), v.detail())),
                new Attack("subprocess", "import subprocess\nsubprocess.run(['touch', " + m + "])", Reason.SOLUTION_RAISED,
                        v -> assertTrue(v.detail().endsWith("ModuleNotFoundError: No module named 'subprocess'"), v.detail())),
                new Attack("os.environ", "import os\nprint(sorted(os.environ), os.getenv('HOME'))\n" + solution, Reason.VALID,
                        v -> assertEquals("[] None\n", v.runs().get(1).stdout())),
                new Attack("socket", "import socket\ns = socket.socket()\ns.connect(('127.0.0.1', " + port + "))",
                        Reason.SOLUTION_RAISED),
                new Attack("_socket", "import _socket\n_socket.socket()", Reason.SOLUTION_RAISED),
                new Attack("ctypes", "import ctypes\nctypes.CDLL(None).system(b'touch x')", Reason.SOLUTION_RAISED,
                        v -> assertTrue(v.detail().endsWith("ModuleNotFoundError: No module named 'ctypes'"), v.detail())),
                new Attack("threads", "import _thread\n_thread.start_new_thread(print, ('x',))", Reason.SOLUTION_RAISED,
                        v -> assertTrue(v.detail().endsWith("RuntimeError: can't start new thread"), v.detail())),
                new Attack("threading", "import threading\nthreading.Thread(target=print).start()", Reason.SOLUTION_RAISED),
                new Attack("kill parent", "import os\nos.kill(os.getppid(), 9)", Reason.SOLUTION_RAISED),
                new Attack("busy loop", "while True:\n    pass", Reason.TIMEOUT,
                        v -> assertEquals("solution", v.runs().get(v.runs().size() - 1).kind(), v.toJson())),
                new Attack("sleep", "import time\ntime.sleep(10**6)", Reason.SOLUTION_RAISED),
                new Attack("huge string", "x = 'a' * 10**10", Reason.SOLUTION_RAISED,
                        v -> assertTrue(v.detail().endsWith("MemoryError"), v.detail())),
                new Attack("huge list", "x = [0] * 10**9", Reason.SOLUTION_RAISED,
                        v -> assertTrue(v.detail().endsWith("MemoryError"), v.detail())),
                new Attack("huge power", "x = 10**(10**8)", Reason.TIMEOUT),
                new Attack("recursion", "def f():\n    return f()\nf()", Reason.SOLUTION_RAISED,
                        v -> assertTrue(v.detail().endsWith("RecursionError: maximum recursion depth exceeded"), v.detail())),
                new Attack("sys.exit", "import sys\nsys.exit(0)", Reason.SOLUTION_RAISED,
                        v -> assertTrue(v.detail().endsWith("SystemExit: 0"), v.detail())),
                new Attack("os._exit", "import os\nos._exit(0)", Reason.SANDBOX_CRASH),
                // poisoning the interpreter: the runs of this task and of later tasks use clean workers
                new Attack("redefine builtins", "import builtins\nbuiltins.len = lambda x: 0\n"
                        + "builtins.isinstance = lambda a, b: True\n" + solution, Reason.VALID),
                new Attack("redefine via __builtins__", "__builtins__['bool'] = lambda x: True\n" + solution, Reason.VALID),
                new Attack("redefine tool", "get_order_details = lambda order_id: {'return_items': ['8384507844'], "
                        + "'return_payment_method_id': 'paypal_2306935'}", Reason.EVAL_RAISED),
                // reaches the worker's own globals through a tool function and fakes every later tool
                // result in this worker; evaluate() runs on a clean one and sees no return
                new Attack("patch worker internals", "get_order_details.__globals__['_call'] = lambda name, kw: "
                        + "{'return_items': ['8384507844'], 'return_payment_method_id': 'paypal_2306935'}", Reason.EVAL_RAISED),
                new Attack("patch json module", "import json\njson.loads = lambda s: {'return_items': ['8384507844'], "
                        + "'return_payment_method_id': 'paypal_2306935'}", Reason.EVAL_RAISED),
                // state shared through a module without touching internals: a clean worker follows
                new Attack("poison copy.dispatch_table", "import copy\ncopy.dispatch_table[dict] = lambda d: (dict, ())\n"
                        + solution, Reason.VALID),
                new Attack("mutate returned dict", "o = get_order_details('#W1840144')\n"
                        + "o['return_items'] = ['8384507844']\no['return_payment_method_id'] = 'paypal_2306935'",
                        Reason.EVAL_RAISED),
                new Attack("print 100 MB", "print('x' * 100_000_000)", Reason.OUTPUT_LIMIT),
                // a 100 MB tool argument is refused in Python before it is encoded (the JVM also
                // refuses protocol lines over 16 MB and would drop the worker)
                new Attack("giant tool argument", "get_order_details('x' * 100_000_000)", Reason.SOLUTION_RAISED,
                        v -> assertTrue(v.detail().endsWith("ValueError: tool arguments / answer larger than 8000000 characters"), v.detail())),
                new Attack("giant answer", "submit_answer(['y' * 5_000_000, 'z' * 5_000_000])", Reason.SOLUTION_RAISED),
                new Attack("forge protocol", "import os\nos.write(1, b'{\"t\":\"r\",\"r\":{\"s\":\"ok\",\"v\":true,\"k\":false}}\\n')\n"
                        + "os.write(1, b'{\"t\":\"done\",\"cpu\":0}\\n')", Reason.EVAL_RAISED),
                new Attack("hostile evaluate loop", null, Reason.TIMEOUT));
    }

    private String taskFor(Attack a) {
        if (a.code() == null) {
            return RetailTasks.withEvaluate("def evaluate():\n    while True:\n        pass");
        }
        return RetailTasks.withSolution(a.code());
    }

    @Test
    void attacksAreContainedAndLeaveNoTrace() throws Exception {
        String normal = RetailTasks.valid();
        String rejected = RetailTasks.withFailure(RetailTasks.SOLUTION);
        String normalAlone = VerifierTest.strip(verifier.verify(retail, normal).toJson());
        String rejectedAlone = VerifierTest.strip(verifier.verify(retail, rejected).toJson());
        String pathBefore = System.getenv("PATH");

        ExecutorService ex = Executors.newFixedThreadPool(4);
        List<Future<String>> results = new ArrayList<>();
        for (Attack a : attacks()) {
            results.add(ex.submit(() -> {
                long t0 = System.nanoTime();
                Verdict v = verifier.verify(retail, taskFor(a));
                long wall = System.nanoTime() - t0;
                assertEquals(a.expected(), v.reason(), a.name() + ": " + v.toJson());
                a.check().accept(v);
                for (RunReport r : v.runs()) {
                    assertTrue(r.nanos() < RUN_BOUND_NANOS, a.name() + ": run took " + r.nanos() / 1e6 + " ms");
                }
                // the next task after the attack verifies exactly as alone
                assertEquals(normalAlone, VerifierTest.strip(verifier.verify(retail, normal).toJson()), a.name());
                assertEquals(rejectedAlone, VerifierTest.strip(verifier.verify(retail, rejected).toJson()), a.name());
                return a.name() + " " + v.reason() + " " + wall / 1_000_000 + " ms";
            }));
        }
        for (Future<String> f : results) {
            f.get();
        }
        ex.shutdown();
        assertFalse(Files.exists(marker), "an attack wrote " + marker);
        Thread.sleep(100);
        assertEquals(0, ACCEPTED.get(), "an attack reached the loopback listener");
        assertEquals(pathBefore, System.getenv("PATH"));
        // the JVM and the pool still work normally
        assertEquals(normalAlone, VerifierTest.strip(verifier.verify(retail, normal).toJson()));
    }

    @Test
    void sameWorkerAfterAttacksThatDoNotHangIt() {
        // attacks that end by themselves keep their worker: on a one-worker pool the next task surely
        // runs on the very same fork server, and must verify exactly as alone
        try (org.selfchallenge.sandbox.PythonWorkerPool one = new org.selfchallenge.sandbox.PythonWorkerPool(
                org.selfchallenge.sandbox.PythonWorkerPool.Config.defaults().withSize(1))) {
            Verifier v = new Verifier(one, new CatParser(), LIMITS);
            String normal = RetailTasks.valid();
            String alone = VerifierTest.strip(v.verify(retail, normal).toJson());
            for (String attack : List.of("x = 'a' * 10**10", "x = [0] * 10**9", "def f():\n    return f()\nf()",
                    "print('x' * 100_000_000)", "import time\ntime.sleep(10**6)", "print = None\nlen = None",
                    "o = get_order_details('#W1840144')\no['status'] = 'cancelled'\n" + RetailTasks.SOLUTION,
                    "get_order_details = lambda order_id: {}\n" + RetailTasks.SOLUTION,
                    "import random, decimal\nrandom.seed(7)\nrandom.random()\ndecimal.getcontext().prec",
                    "import json\nx = json.loads('[1]')\nx.append(2)")) {
                Verdict a = v.verify(retail, RetailTasks.withSolution(attack));
                assertFalse(a.reason() == Reason.SANDBOX_CRASH || a.reason() == Reason.TIMEOUT, a.toJson());
                assertEquals(alone, VerifierTest.strip(v.verify(retail, normal).toJson()), attack);
            }
            assertEquals(0, one.respawns(), "none of these attacks should have cost the worker");
        }
    }

    @Test
    void forgedResultsCannotValidateATask() {
        // the case "reports" success and a True evaluate() itself: the zygote takes the first line as the
        // solution's own result (its value dropped: only an evaluate() reports one) and kills the process;
        // evaluate() runs in a fresh process, which sees that no return was made
        String forge = "import os\nos.write(1, b'{\"t\":\"r\",\"r\":{\"s\":\"ok\"}}\\n"
                + "{\"t\":\"r\",\"r\":{\"s\":\"ok\",\"v\":true}}\\n{\"t\":\"done\",\"cpu\":0}\\n')";
        Verdict v = verifier.verify(retail, RetailTasks.withSolution(forge));
        assertEquals(Reason.EVAL_RAISED, v.reason(), v.toJson());
        String lone = "import os\nos.write(1, b'{\"t\":\"r\",\"r\":{\"s\":\"ok\",\"v\":true}}\\n')";
        Verdict w = verifier.verify(retail, RetailTasks.withSolution(lone));
        assertEquals(Reason.EVAL_RAISED, w.reason(), w.toJson());
        assertEquals(null, w.runs().get(1).result(), w.toJson());
    }
}
