package org.selfchallenge.env.web;

import java.util.List;

/** {@code view()}: the current 5-line view (see {@link WebBrowser} for the exact rendering). */
public final class ViewTool extends BrowserTool {
    public static final String NAME = "view";

    public ViewTool(WebBrowser browser) {
        super(browser, NAME, "Return the current view in string format of the rendered webpage. It has no arguments.\n"
                        + "Returns the rendered content of the webpage.\n"
                        + "You should call this when you want to see the rendered content of the current webpage.",
                "view() -> str", true);
    }

    @Override
    protected Object invoke(Object[] p, List<Object> extra) {
        return browser.view();
    }
}
