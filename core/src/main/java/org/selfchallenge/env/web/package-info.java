/**
 * M3ToolEval web_browsing: a port of CodeAct's {@code WebBrowser} over the 55 bundled pages
 * ({@code web_pages.jsonl}) with its six tools. {@link org.selfchallenge.env.web.WebEnvironment} is
 * stateful (current page, scroll position, history); {@code fresh()} is the start state (page "/",
 * scroll 0, empty history), {@code stateHash()} the sha256 of
 * {@code str(to_hashable({"current_page", "history", "scroll_position"}))}.
 * Rendering and its quirks are described in {@link org.selfchallenge.env.web.WebBrowser}; they were
 * checked observation by observation against the original class on 600 random actions.
 */
package org.selfchallenge.env.web;
