package org.selfchallenge.env.web;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Port of upstream's {@code WebBrowser}: the current page, a scroll position in lines and a history
 * stack of pages. Rendering, as upstream:
 * <pre>
 * ----------
 * [Web Page Name: /products]
 * [Viewing page i of n]          i = pos // 5 + 1, n = lines // 5 + 1 (both 1 when lines &lt;= 5)
 * (blank line)
 * lines[pos : pos + 5] joined by "\n"
 * ----------
 * </pre>
 * Quirks kept: n over-counts by one page when the line count is a multiple of 5; any existing page
 * can be "clicked" from anywhere; single quotes are removed from the URL; going back does not
 * record a forward entry and resets the scroll.
 */
public final class WebBrowser {
    public static final int LINES_PER_VIEW = 5;
    static final String RULE = "----------";

    private final WebPages pages;
    private WebPages.Page current;
    private final Deque<WebPages.Page> history = new ArrayDeque<>();
    private int scrollPosition;

    /** A browser opened on {@code /} with an empty history (upstream clears the history after opening). */
    public WebBrowser(WebPages pages) {
        this.pages = pages;
        this.current = pages.page(WebPages.DEFAULT_PAGE);
        if (current == null) {
            throw new IllegalStateException("web pages have no default page " + WebPages.DEFAULT_PAGE);
        }
    }

    private String open(WebPages.Page page) {
        history.addLast(current);
        current = page;
        scrollPosition = 0;
        return "[Opened page: " + page.name() + "]\n" + view();
    }

    public String clickUrl(String url) {
        String u = url.replace("'", "");
        WebPages.Page p = pages.page(u);
        if (current != null && p != null) {
            return open(p);
        }
        return "[URL not found.]";
    }

    public String goToPreviousPage() {
        if (!history.isEmpty()) {
            current = history.removeLast();
            scrollPosition = 0;
            return "[Opened page: " + current.name() + "]\n" + view();
        }
        return "[No previous page.]";
    }

    public String scrollDown() {
        if (scrollPosition + LINES_PER_VIEW < current.lines().size()) {
            scrollPosition += LINES_PER_VIEW;
            return view();
        }
        return "[Reached the bottom of the page.]\n";
    }

    public String scrollUp() {
        if (scrollPosition > 0) {
            scrollPosition -= LINES_PER_VIEW;
            return view();
        }
        return "[Reached the top of the page.]\n";
    }

    public String view() {
        List<String> lines = current.lines();
        int start = scrollPosition;
        int end = Math.min(start + LINES_PER_VIEW, lines.size());
        int total = lines.size();
        String pageName = current.name().isEmpty() ? "" : "[Web Page Name: " + current.name() + "]\n";
        int pageId = total > LINES_PER_VIEW ? start / LINES_PER_VIEW + 1 : 1;
        int totalPages = total > LINES_PER_VIEW ? total / LINES_PER_VIEW + 1 : 1;
        return RULE + "\n" + pageName + "[Viewing page " + pageId + " of " + totalPages + "]\n" + "\n"
                + String.join("\n", start < end ? lines.subList(start, end) : List.of()) + "\n" + RULE;
    }

    public String currentPage() {
        return current.name();
    }

    public int scrollPosition() {
        return scrollPosition;
    }

    /** Page names from the oldest to the most recent entry (the next "back" target is last). */
    public List<String> history() {
        List<String> out = new ArrayList<>();
        history.forEach(p -> out.add(p.name()));
        return out;
    }
}
