package org.selfchallenge.env.web;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.selfchallenge.env.Environment;
import org.selfchallenge.env.ToolSpec;
import org.selfchallenge.env.calculation.CalculatorTool;
import org.selfchallenge.env.calculation.PyToolbox;
import org.selfchallenge.pyval.PyHash;

/**
 * M3ToolEval web_browsing: a stateful browser over the 55 bundled pages with the six upstream tools
 * (click_url, go_to_previous_page, scroll_down, scroll_up, view, calculator), in upstream order.
 * {@link #fresh()} gives the start state: page {@code /}, scroll 0, empty history.
 *
 * <p>{@link #stateHash()} = {@code sha256(str(to_hashable(state)))} with
 * {@code state = {"current_page": <name>, "history": [<oldest name>, ..., <latest name>],
 * "scroll_position": <int>}}, i.e. the sha256 of e.g.
 * {@code (('current_page', '/'), ('history', ()), ('scroll_position', 0))}.
 */
public final class WebEnvironment implements Environment {
    public static final String NAME = "web";

    private final WebBrowser browser;
    private final PyToolbox toolbox;

    private WebEnvironment(WebPages pages) {
        this.browser = new WebBrowser(pages);
        this.toolbox = new PyToolbox(List.of(new ClickUrlTool(browser), new GoToPreviousPageTool(browser),
                new ScrollDownTool(browser), new ScrollUpTool(browser), new ViewTool(browser),
                new CalculatorTool()));
    }

    /** A new browser in the start state (each call is independent; pages are shared read-only). */
    public static Environment load() {
        return new WebEnvironment(WebPages.get());
    }

    /** Same as {@link #load()}, typed. */
    public static WebEnvironment create() {
        return new WebEnvironment(WebPages.get());
    }

    public WebBrowser browser() {
        return browser;
    }

    public PyToolbox toolbox() {
        return toolbox;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<ToolSpec> tools() {
        return toolbox.specs();
    }

    @Override
    public String policy() {
        return "";
    }

    @Override
    public Object call(String tool, Map<String, Object> kwargs) {
        return toolbox.tool(tool).callWithKwargs(kwargs);
    }

    public Object callPositional(String tool, List<Object> args) {
        return toolbox.tool(tool).call(args, Map.of());
    }

    /** The browsing state as a Python dict (see the class comment). */
    public Map<String, Object> state() {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("current_page", browser.currentPage());
        s.put("history", new ArrayList<Object>(browser.history()));
        s.put("scroll_position", (long) browser.scrollPosition());
        return s;
    }

    @Override
    public String stateHash() {
        return PyHash.hash(state());
    }

    @Override
    public Environment fresh() {
        return new WebEnvironment(WebPages.get());
    }
}
