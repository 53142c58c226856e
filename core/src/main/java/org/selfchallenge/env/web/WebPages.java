package org.selfchallenge.env.web;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.selfchallenge.env.Resources;
import org.selfchallenge.pyval.PyJson;

/** The 55 pages of {@code web_pages.jsonl} ({"name": path, "content": text}), loaded once. */
public final class WebPages {
    public static final String RESOURCE = Resources.DATA_ROOT + "m3tooleval/web_pages.jsonl";
    public static final String DEFAULT_PAGE = "/";

    /** One page; {@code lines} is {@code content.split("\n")} (trailing empty lines kept, as Python). */
    public record Page(String name, String content, List<String> lines) {
    }

    private final Map<String, Page> byName;
    private final List<Page> pages;

    private WebPages(String jsonl) {
        Map<String, Page> m = new LinkedHashMap<>();
        List<Page> all = new ArrayList<>();
        int lineNo = 0;
        // f.read().splitlines(): every line is a page (the file has no blank lines)
        for (String line : jsonl.split("\r\n|\n|\r")) {
            lineNo++;
            if (line.isEmpty()) {
                continue;
            }
            Map<String, Object> o = PyJson.parseObject(line);
            Object name = o.get("name");
            Object content = o.get("content");
            if (!(name instanceof String) || !(content instanceof String)) {
                throw new IllegalStateException(RESOURCE + " line " + lineNo + ": expected string name and content");
            }
            String c = (String) content;
            Page p = new Page((String) name, c, List.of(c.split("\n", -1)));
            all.add(p);
            m.put(p.name(), p); // {p.name: p for p in pages}: a later duplicate wins
        }
        this.byName = Collections.unmodifiableMap(m);
        this.pages = List.copyOf(all);
    }

    private static final class Holder {
        static final WebPages INSTANCE = new WebPages(Resources.readString(RESOURCE));
    }

    public static WebPages get() {
        return Holder.INSTANCE;
    }

    public List<Page> pages() {
        return pages;
    }

    public Page page(String name) {
        return byName.get(name);
    }
}
