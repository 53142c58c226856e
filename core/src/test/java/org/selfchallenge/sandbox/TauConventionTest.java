package org.selfchallenge.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.selfchallenge.env.Environment;
import org.selfchallenge.env.Environments;

/** τ-bench result conventions in a session on the real retail environment. */
class TauConventionTest {
    private final PythonWorkerPool pool = SharedTestPool.get();

    @Test
    void jsonRecordsArriveParsedOtherTextStaysText() {
        Environment retail = Environments.load("retail");
        try (CodeSession s = pool.open(retail, SandboxLimits.DEFAULT)) {
            RunResult r = s.run("o = get_order_details('#W1840144')\n"
                    + "print(type(o).__name__, o['status'], o['user_id'])\n"
                    + "u = find_user_id_by_email('harper.brown3965@example.com')\n"
                    + "print(type(u).__name__, u)\n"
                    + "c = calculate('1 + 2.5')\n"
                    + "print(type(c).__name__, c)");
            assertEquals(RunStatus.OK, r.status(), r.error());
            // upstream calculate returns str(round(1 + 2.5, 2)) = "3.5": text, not a float
            assertEquals("dict delivered harper_brown_7363\nstr harper_brown_7363\nstr 3.5\n", r.stdout());
        }
    }

    @Test
    void errorTextRaisesToolErrorAndCanBeCaught() {
        Environment retail = Environments.load("retail");
        try (CodeSession s = pool.open(retail, SandboxLimits.DEFAULT)) {
            RunResult r = s.run("try:\n    get_order_details('#W0000000')\nexcept ToolError as e:\n    print('caught:', e)\n"
                    + "get_user_details(user_id='nobody')");
            assertEquals(RunStatus.RAISED, r.status());
            assertEquals("caught: Error: order not found\n", r.stdout());
            assertTrue(r.error().endsWith("ToolError: Error: user not found"), r.error());
            assertEquals("ToolError: Error: order not found", r.toolCalls().get(0).error());
        }
    }

    @Test
    void sessionChangesTheLiveEnvironmentAndSurvivesATimeout() {
        Environment retail = Environments.load("retail");
        try (CodeSession s = pool.open(retail, SandboxLimits.DEFAULT.withTimeoutMs(500))) {
            assertEquals(RunStatus.OK, s.run("x = 1\nreturn_delivered_order_items('#W1840144', ['8384507844'], "
                    + "'paypal_2306935')").status());
            assertEquals(RunStatus.TIMEOUT, s.run("while True:\n    pass").status());
            // the namespace is gone with the killed worker; the environment state is Java's and stays
            RunResult after = s.run("print('x' in dir())\nprint(get_order_details('#W1840144')['return_items'])");
            assertEquals("False\n['8384507844']\n", after.stdout());
            assertTrue(s.evaluate("def evaluate():\n    return get_order_details('#W1840144')['status'] == "
                    + "'return requested'", null).returnedTrue());
        }
    }

    @Test
    void missingInterpreterSaysWhatToInstall() {
        SandboxUnavailableException e = assertThrows(SandboxUnavailableException.class,
                () -> new PythonWorkerPool(new PythonWorkerPool.Config(1, "/nonexistent/python3",
                        PythonWorkerPool.DEFAULT_MEMORY_BYTES, PythonWorkerPool.DEFAULT_CPU_SECONDS)));
        assertTrue(e.getMessage().contains("apt-get install python3 libseccomp2"), e.getMessage());
    }
}
