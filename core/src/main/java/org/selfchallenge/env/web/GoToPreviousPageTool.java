package org.selfchallenge.env.web;

import java.util.List;

/** {@code go_to_previous_page()}: pops the history, or {@code "[No previous page.]"}. */
public final class GoToPreviousPageTool extends BrowserTool {
    public static final String NAME = "go_to_previous_page";

    public GoToPreviousPageTool(WebBrowser browser) {
        super(browser, NAME, "Goes back to the previous page. It has no arguments.\n"
                        + "After going back to the previous page, return the rendered content of the webpage.",
                "go_to_previous_page() -> str", false);
    }

    @Override
    protected Object invoke(Object[] p, List<Object> extra) {
        return browser.goToPreviousPage();
    }
}
