package org.selfchallenge.env.web;

import org.selfchallenge.env.calculation.PyTool;

/** A bound method of one {@link WebBrowser}; CPython's binding errors name it {@code WebBrowser.<name>}. */
abstract class BrowserTool extends PyTool {
    protected final WebBrowser browser;

    protected BrowserTool(WebBrowser browser, String name, String description, String signature, boolean readOnly,
                          String... params) {
        super(name, description, signature, null, null, readOnly, params);
        this.browser = browser;
    }

    @Override
    protected String qualname() {
        return "WebBrowser." + name();
    }
}
