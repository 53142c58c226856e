package org.selfchallenge.cat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.selfchallenge.env.Environment;
import org.selfchallenge.env.Environments;
import org.selfchallenge.sandbox.CodeSession;
import org.selfchallenge.sandbox.PythonWorkerPool;
import org.selfchallenge.sandbox.RunResult;
import org.selfchallenge.sandbox.RunStatus;
import org.selfchallenge.sandbox.SandboxLimits;

/**
 * Attacks on the integrity of verdicts and rewards (not on the host): model code that stays inside the
 * allowed system calls and tries to forge a verdict, learn which case its evaluate() judges, desynchronise
 * the protocol, address another case's environment, carry state to a later run, or read host metadata.
 * One worker, so every following task surely runs on the very process the attack ran on; each attack
 * gets the exact verdict written here, and the tasks after it verify exactly as they do alone.
 */
class IntegrityAttackTest {
    private static final SandboxLimits LIMITS = SandboxLimits.DEFAULT.withTimeoutMs(1_000);
    private static final String FAKE_RETURN = "{'return_items': ['8384507844'], 'return_payment_method_id': 'paypal_2306935'}";
    private static PythonWorkerPool pool;
    private static Verifier verifier;
    private final Environment retail = Environments.prototype("retail");

    @BeforeAll
    static void start() {
        pool = new PythonWorkerPool(PythonWorkerPool.Config.defaults().withSize(1));
        verifier = new Verifier(pool, new CatParser(), LIMITS);
    }

    @AfterAll
    static void stop() {
        pool.close();
    }

    private Verdict verify(String task) {
        return verifier.verify(retail, task);
    }

    /** The verdict, then that the normal tasks after it on the same worker verify as they do alone. */
    private Verdict attack(String name, String task, Reason expected) {
        String normal = RetailTasks.valid();
        String rejected = RetailTasks.withFailure(RetailTasks.SOLUTION);
        String noop = RetailTasks.withSolution("pass");
        String normalAlone = VerifierTest.strip(verify(normal).toJson());
        String rejectedAlone = VerifierTest.strip(verify(rejected).toJson());
        String noopAlone = VerifierTest.strip(verify(noop).toJson());
        Verdict v = verify(task);
        assertEquals(expected, v.reason(), name + ": " + v.toJson());
        assertEquals(noopAlone, VerifierTest.strip(verify(noop).toJson()), name + ": the next no-op task");
        assertEquals(normalAlone, VerifierTest.strip(verify(normal).toJson()), name + ": the next valid task");
        assertEquals(rejectedAlone, VerifierTest.strip(verify(rejected).toJson()), name + ": the next rejected task");
        return v;
    }

    @Test
    void forgeryThroughObjectWalksOnlyFoolsTheForgersOwnProcess() {
        // each replaces the tool proxy so that get_order_details reports the return the solution never made;
        // evaluate() runs in a fresh process, asks the real environment, and finds no return
        List<String[]> walks = List.of(
                new String[]{"string.Formatter walk", "import string\n"
                        + "g = string.Formatter().get_field('0.__globals__', (get_order_details,), {})[0]\n"
                        + "g['_call'] = lambda name, kw: " + FAKE_RETURN},
                new String[]{"functools.update_wrapper", "import functools\n"
                        + "class Box:\n    pass\n"
                        + "b = functools.update_wrapper(Box(), get_order_details, assigned=('__globals__',), updated=())\n"
                        + "vars(b)['__globals__']['_call'] = lambda name, kw: " + FAKE_RETURN},
                new String[]{"typing annotations", "import typing\n"
                        + "def f(x: \"_tools.update(get_order_details=lambda order_id: " + FAKE_RETURN + ") or int\"):\n"
                        + "    pass\n"
                        + "typing.get_type_hints(f, globalns=get_order_details.__globals__)"});
        for (String[] w : walks) {
            Verdict v = attack(w[0], RetailTasks.withSolution(w[1]), Reason.EVAL_RAISED);
            assertTrue(v.detail().endsWith("KeyError: 'return_items'"), w[0] + ": " + v.detail());
        }
    }

    @Test
    void evaluateCannotTellWhichCaseItJudges() {
        // a meaningless verifier that counts its own calls in module state: True on the first only
        String counting = "def evaluate():\n    import string\n    n = string.__dict__.get('calls', 0) + 1\n"
                + "    string.__dict__['calls'] = n\n    return n == 1";
        Verdict c = attack("call counting", RetailTasks.text(RetailTasks.INSTRUCTION, counting, "pass", "pass", "pass"),
                Reason.FAILURE_CASE_ACCEPTED);
        assertEquals("evaluate() returned True after failure case #1", c.detail());
        // one that looks for the plan ("ev": the expected reward) on the stack it was forked with
        String stack = "def evaluate():\n    import sys\n    f = sys._getframe()\n    while f is not None:\n"
                + "        for v in f.f_locals.values():\n"
                + "            if isinstance(v, dict) and 'ev' in v:\n                return v['ev']\n"
                + "        f = f.f_back\n    return 'no plan in sight'";
        Verdict s = attack("stack walk", RetailTasks.text(RetailTasks.INSTRUCTION, stack, "pass", "pass"),
                Reason.EVAL_NOT_BOOLEAN);
        assertEquals("evaluate() after the solution returned str 'no plan in sight', not a bool", s.detail());
        // the case's own state is reachable only through the tools: a solution's "marker" in module state is gone
        String marker = "import string\nstring.__dict__['judging'] = 'solution'";
        String reads = "def evaluate():\n    import string\n    return string.__dict__.get('judging') == 'solution'";
        attack("module-state marker", RetailTasks.text(RetailTasks.INSTRUCTION, reads, marker, "pass"),
                Reason.SOLUTION_REJECTED);
    }

    @Test
    void forgedProtocolLinesStayInTheirOwnRun() {
        // results, a "done" and a tool call written straight to the pipe, meant for the runs after this one
        String desync = "import os\nos.write(1, b'{\"t\":\"r\",\"r\":{\"s\":\"ok\"}}\\n{\"t\":\"r\",\"r\":{\"s\":\"ok\",\"v\":true}}\\n"
                + "{\"t\":\"done\",\"cpu\":0}\\n{\"t\":\"r\",\"r\":{\"s\":\"ok\",\"v\":true}}\\n')";
        Verdict v = attack("protocol desync", RetailTasks.withSolution(desync), Reason.EVAL_RAISED);
        assertEquals(null, v.runs().get(1).result(), "a case reports no value");
        // garbage instead of a result
        Verdict g = attack("garbage line", RetailTasks.withSolution("import os\nos.write(1, b'{not json\\n')"),
                Reason.SANDBOX_CRASH);
        assertTrue(g.detail().startsWith("solution: broke the sandbox protocol (JSONDecodeError: "), g.detail());
        // a line over the cap
        Verdict big = attack("oversize line", RetailTasks.withSolution("import os\nos.write(1, b'x' * (17 << 20))"),
                Reason.SANDBOX_CRASH);
        assertEquals("solution: broke the sandbox protocol (a line of over 16777216 bytes); its process was killed",
                big.detail());
    }

    @Test
    void aForgedToolCallForAnotherCaseLandsInTheForgersOwnCase() {
        // the solution sends the right return as a call "for case 1" (failure case #1's environment) and reads
        // the reply itself; the zygote binds it to case 0, so the solution did the return and the task is valid
        String forge = "import os\nos.write(1, b'{\"t\":\"call\",\"c\":1,\"n\":\"return_delivered_order_items\",\"a\":"
                + "{\"order_id\":\"#W1840144\",\"item_ids\":[\"8384507844\"],\"payment_method_id\":\"paypal_2306935\"}}\\n')\n"
                + "os.read(0, 1 << 16)";
        Verdict v = attack("cross-case call", RetailTasks.withSolution(forge), Reason.VALID);
        assertEquals("return_delivered_order_items", v.runs().get(1).toolCalls().get(0).name(), v.toJson());
    }

    @Test
    void sharedRandomStateAndHostMetadata() {
        String seeds = "import random\nrandom.seed(7)\nrandom.random()\nrandom.setstate(random.getstate())";
        String coin = "def evaluate():\n    import random\n    return random.random() < 0.5";
        String coinTask = RetailTasks.text(RetailTasks.INSTRUCTION, coin, "pass", "pass");
        Verdict alone = verify(coinTask);
        // random.seed(0) gives 0.844... first: the solution is rejected, alone and after any reseeding
        assertEquals(Reason.SOLUTION_REJECTED, alone.reason(), alone.toJson());
        attack("reseed random", RetailTasks.withSolution(seeds + "\n" + RetailTasks.SOLUTION), Reason.VALID);
        assertEquals(VerifierTest.strip(alone.toJson()), VerifierTest.strip(verify(coinTask).toJson()));
        for (String probe : List.of("import os\nos.stat('/etc/passwd')", "import os\nos.listdir('/')",
                "import os\nos.lstat('/proc/self')")) {
            Verdict v = attack("host metadata " + probe, RetailTasks.withSolution(probe), Reason.SOLUTION_RAISED);
            assertTrue(v.detail().contains("PermissionError: [Errno 1] Operation not permitted"), v.detail());
        }
    }

    @Test
    void outcomesNameTheRunThatFailed() {
        Verdict exit = attack("os._exit", RetailTasks.withSolution("import os\nos._exit(3)"), Reason.SANDBOX_CRASH);
        assertEquals("solution: its process exited with code 3 without a result", exit.detail());
        String segv = "import sys\nsys.setrecursionlimit(10**7)\nx = []\nfor _ in range(10**5):\n    x = [x]\nrepr(x)";
        Verdict crash = attack("segfault in failure case 2", RetailTasks.text(RetailTasks.INSTRUCTION,
                RetailTasks.EVALUATE, RetailTasks.SOLUTION, RetailTasks.WRONG_PAYMENT, segv), Reason.SANDBOX_CRASH);
        assertEquals("failure case #2: its process killed by signal 11", crash.detail());
        Verdict slow = attack("busy failure case", RetailTasks.text(RetailTasks.INSTRUCTION, RetailTasks.EVALUATE,
                RetailTasks.SOLUTION, RetailTasks.WRONG_PAYMENT, "while True:\n    pass"), Reason.TIMEOUT);
        assertEquals("failure case #2: wall-clock limit exceeded; worker killed", slow.detail());
    }

    @Test
    void anExecutorCodeActionCannotRaiseItsRewardOrTheNextEpisodes() {
        Environment env = retail.fresh();
        RunResult alone;
        try (CodeSession s = pool.open(env, LIMITS)) {
            s.run("pass");
            alone = s.evaluate(RetailTasks.EVALUATE, null);
        }
        assertEquals(RunStatus.RAISED, alone.status(), alone.error());
        String patch = "import string\ng = string.Formatter().get_field('0.__globals__', (get_order_details,), {})[0]\n"
                + "g['_call'] = lambda name, kw: " + FAKE_RETURN + "\n"
                + "import builtins\nbuiltins.isinstance = lambda a, b: True";
        try (CodeSession s = pool.open(retail.fresh(), LIMITS)) {
            RunResult r = s.run(patch);
            assertEquals(RunStatus.OK, r.status(), r.error());
            // inside its own episode the patch works on all it can reach: its own process
            assertEquals("True", s.run("print(get_order_details('#W1840144') == " + FAKE_RETURN + ")").stdout().strip());
            RunResult hacked = s.evaluate(RetailTasks.EVALUATE, null);
            assertEquals(alone.status(), hacked.status(), hacked.error());
            assertEquals(alone.error(), hacked.error());
        }
        try (CodeSession s = pool.open(retail.fresh(), LIMITS)) {
            s.run("pass");
            RunResult next = s.evaluate(RetailTasks.EVALUATE, null);
            assertEquals(alone.status(), next.status());
            assertEquals(alone.error(), next.error());
        }
    }
}
