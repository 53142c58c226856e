package org.selfchallenge.env.web;

import java.util.List;

/** {@code scroll_down()}: 5 lines further if any remain, else {@code "[Reached the bottom of the page.]\n"}. */
public final class ScrollDownTool extends BrowserTool {
    public static final String NAME = "scroll_down";

    public ScrollDownTool(WebBrowser browser) {
        super(browser, NAME, "Scrolls down the view. It has no arguments.\n"
                        + "Returns the rendered content of the webpage after scrolling down.",
                "scroll_down() -> str", false);
    }

    @Override
    protected Object invoke(Object[] p, List<Object> extra) {
        return browser.scrollDown();
    }
}
