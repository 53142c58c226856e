package org.selfchallenge.env.web;

import java.util.List;

/** {@code scroll_up()}: 5 lines back if not at the top, else {@code "[Reached the top of the page.]\n"}. */
public final class ScrollUpTool extends BrowserTool {
    public static final String NAME = "scroll_up";

    public ScrollUpTool(WebBrowser browser) {
        super(browser, NAME, "Scrolls up the view. It has no arguments.\n"
                        + "Returns the rendered content of the webpage after scrolling up.",
                "scroll_up() -> str", false);
    }

    @Override
    protected Object invoke(Object[] p, List<Object> extra) {
        return browser.scrollUp();
    }
}
