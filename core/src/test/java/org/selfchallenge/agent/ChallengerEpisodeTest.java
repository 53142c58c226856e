package org.selfchallenge.agent;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.selfchallenge.cat.CatParser;
import org.selfchallenge.cat.Reason;
import org.selfchallenge.cat.Verdict;
import org.selfchallenge.cat.Verifier;
import org.selfchallenge.env.Environments;
import org.selfchallenge.llm.SamplingParams;
import org.selfchallenge.llm.ScriptedChatModel;
import org.selfchallenge.sandbox.PythonWorkerPool;
import org.selfchallenge.sandbox.SandboxLimits;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** Challenger episodes on the real environments and sandbox; their output goes through the real verifier. */
class ChallengerEpisodeTest {
    static PythonWorkerPool pool;
    static ActionSandbox sandbox;
    static Verifier verifier;
    static final SamplingParams GREEDY = SamplingParams.greedy(2048);

    @BeforeAll
    static void start() {
        pool = new PythonWorkerPool(PythonWorkerPool.Config.defaults().withSize(2));
        sandbox = new CatActionSandbox(pool, CatActionSandbox.defaultLimits(), false);
        verifier = new Verifier(pool, new CatParser(new CatParser.Options(3, 10, 20_000, 200_000)),
                SandboxLimits.DEFAULT);
    }

    @AfterAll
    static void stop() {
        pool.close();
    }

    private static ChallengerEpisode episode(ScriptedChatModel m, int turns) {
        return new ChallengerEpisode(m, sandbox, new ChallengerEpisode.Config(turns, 4000, 3, GREEDY));
    }

    @Test
    void exploresThenWritesATaskTheVerifierAccepts() {
        ScriptedChatModel m = ScriptedChatModel.of(
                "Let me find a user.\n```python\nprint(find_user_id_by_name_zip('Yusuf', 'Rossi', '19122'))\n```",
                "```python\no = get_order_details('#W2378156')\nprint(o['status'], [i['item_id'] for i in o['items']])\n```",
                "Here is my task.\n" + ChallengerExamples.catText("retail") + "\nThat's it.");
        ChallengerEpisode.Result r = episode(m, 8).run(Environments.load("retail"), "c/retail/0", 11L);

        assertEquals("task", r.trace().outcome());
        assertEquals(2, r.trace().info().get("explore_turns"));
        List<Turn> obs = r.trace().turns().stream().filter(t -> t.kind().equals("observation")).toList();
        assertEquals("yusuf_rossi_9620\n", obs.get(0).text());
        assertEquals("delivered ['4202497723', '4602305039', '1151293680', '4983901480', '9408160950']\n",
                obs.get(1).text());
        assertEquals("cat", r.trace().turns().get(r.trace().turns().size() - 1).kind());
        assertEquals("challenger", r.trace().lineage().role());
        assertEquals(List.of(11L, 12L, 13L), m.seen().stream().map(x -> x.params().seed()).toList());

        Verdict v = verifier.verify(Environments.prototype("retail"), r.text());
        assertTrue(v.valid(), v.reason() + " " + v.detail());
        assertEquals(Reason.VALID, v.reason());
    }

    @Test
    void systemPromptHasToolDocsFormatAndExample() {
        ScriptedChatModel m = ScriptedChatModel.of("<instruction>x</instruction>");
        ChallengerEpisode.Result r = episode(m, 5).run(Environments.load("retail"), "c/retail/1", 0L);
        String sys = r.trace().turns().get(0).text();
        assertTrue(sys.contains("\"retail\" environment"));
        assertTrue(sys.contains("- get_order_details(order_id: str)"));
        assertTrue(sys.contains("You have at most 5 exploration turns"));
        assertTrue(sys.contains("<evaluation_function>"));
        assertTrue(sys.contains("ToolError"));
        assertTrue(sys.contains(ChallengerExamples.catText("retail")));
        assertEquals("<instruction>x</instruction>", r.text());
        // a task without the other sections is the verifier's business: it rejects it
        assertEquals(Reason.PARSE_ERROR, verifier.verify(Environments.prototype("retail"), r.text()).reason());
    }

    @Test
    void whenTheBudgetIsSpentTheNextReplyIsTakenAsTheTask() {
        ScriptedChatModel m = ScriptedChatModel.of(
                "```python\nprint(list_all_product_types()['Skateboard'])\n```",
                "I think I need more information.",
                "Fine, here is some text without tags.");
        ChallengerEpisode.Result r = episode(m, 2).run(Environments.load("retail"), "c/retail/2", 0L);
        assertEquals("forced", r.trace().outcome());
        assertEquals("Fine, here is some text without tags.", r.text());
        List<Turn> turns = r.trace().turns();
        assertEquals(ChallengerEpisode.WRITE_NOW, turns.get(turns.size() - 2).text());
        assertTrue(turns.get(5).text().endsWith(ChallengerEpisode.NUDGE), turns.get(5).text());
    }

    @Test
    void workedExamplesAreValidTasks() {
        for (String env : List.of("retail", "airline", "calculation", "web")) {
            Verdict v = verifier.verify(Environments.prototype(env), ChallengerExamples.catText(env));
            assertTrue(v.valid(), env + ": " + v.reason() + " " + v.detail());
        }
    }
}
