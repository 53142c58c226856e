package org.selfchallenge.env.web;

import java.util.List;

import org.selfchallenge.env.calculation.PyStrings;

/**
 * {@code click_url(url)}: removes every single quote from {@code url} ({@code url.replace("'", "")}, so a
 * non-str raises AttributeError), then opens the page if it exists (anywhere on the site, not only links
 * on the current page), else returns {@code "[URL not found.]"}.
 */
public final class ClickUrlTool extends BrowserTool {
    public static final String NAME = "click_url";

    public ClickUrlTool(WebBrowser browser) {
        super(browser, NAME, "Clicks on a URL. A clickable URL looks like [Clickable '<url_argument>'] in the webpage.\n"
                        + "Arguments: url (str).\n"
                        + "Returns the rendered content of the webpage after clicking the URL showing on the current rendered page.\n",
                "click_url(url: str) -> str", false, "url", STRING);
    }

    @Override
    protected Object invoke(Object[] p, List<Object> extra) {
        return browser.clickUrl(PyStrings.receiver(p[0], "replace"));
    }
}
