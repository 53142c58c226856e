package org.selfchallenge.env.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.selfchallenge.env.Environment;
import org.selfchallenge.env.Environments;
import org.selfchallenge.env.ToolException;
import org.selfchallenge.env.ToolSpec;
import org.selfchallenge.pyval.PyHash;

/**
 * Expected renderings were written from the page texts by upstream's rules and confirmed by running
 * upstream's WebBrowser class on the same web_pages.jsonl.
 */
class WebEnvironmentTest {
    static final String HOME_1 = "----------\n[Web Page Name: /]\n[Viewing page 1 of 2]\n\n"
            + "Welcome to MagicWand Co.!\n"
            + "Dive into a world where magic meets reality. We specialize in crafting the finest magical artifacts.\n"
            + "- About Us [Clickable '/about']\n- Our Products [Clickable '/products']\n- Blog [Clickable '/blog']\n----------";
    static final String HOME_2 = "----------\n[Web Page Name: /]\n[Viewing page 2 of 2]\n\n"
            + "- Contact Us [Clickable '/contact']\n- Meet Our Team [Clickable '/team']\nDiscover the magic today!\n----------";
    static final String BLOG = "----------\n[Web Page Name: /blog]\n[Viewing page 1 of 1]\n\nOur Magical Blog\n"
            + "Stay updated with the latest trends in the wizarding world. Our experts share insights, tips, and magical stories.\n"
            + "- Latest Potions [Clickable '/blog/potions']\n- Wand Maintenance Tips [Clickable '/blog/wand-maintenance']\n"
            + "Join our community of magic enthusiasts!\n----------";

    static Object call(Environment e, String tool, Object... args) {
        return ((WebEnvironment) e).callPositional(tool, List.of(args));
    }

    @Test
    void pagesLoaded() {
        assertEquals(55, WebPages.get().pages().size());
    }

    @Test
    void toolsInUpstreamOrder() {
        Environment e = WebEnvironment.load();
        assertEquals(List.of("click_url", "go_to_previous_page", "scroll_down", "scroll_up", "view", "calculator"),
                e.tools().stream().map(ToolSpec::name).toList());
        assertFalse(e.tools().get(0).readOnly());
        assertTrue(e.tools().get(4).readOnly());
        assertEquals(6, Environments.load("web").tools().size());
    }

    @Test
    void viewAndScroll() {
        Environment e = WebEnvironment.load();
        // "/" has 8 lines: 8 // 5 + 1 = 2 pages
        assertEquals(HOME_1, call(e, "view"));
        assertEquals(HOME_2, call(e, "scroll_down"));
        assertEquals("[Reached the bottom of the page.]\n", call(e, "scroll_down"));
        assertEquals(HOME_1, call(e, "scroll_up"));
        assertEquals("[Reached the top of the page.]\n", call(e, "scroll_up"));
    }

    @Test
    void clickAndHistory() {
        Environment e = WebEnvironment.load();
        // single quotes are removed from the URL
        assertEquals("[Opened page: /blog]\n" + BLOG, call(e, "click_url", "'/blog'"));
        // /blog links to /blog/wand-maintenance, but the page is named /blog/wand_maintenance
        assertEquals("[URL not found.]", call(e, "click_url", "/blog/wand-maintenance"));
        assertEquals("[Opened page: /]\n" + HOME_1, call(e, "go_to_previous_page"));
        assertEquals("[No previous page.]", call(e, "go_to_previous_page"));
        // any existing page can be opened from anywhere
        String ceo = (String) call(e, "click_url", "/about/team/ceo");
        assertTrue(ceo.startsWith("[Opened page: /about/team/ceo]\n----------\n[Web Page Name: /about/team/ceo]\n"
                + "[Viewing page 1 of 1]\n\nMr. Gandalf - CEO\n"), ceo);
        // /team links to /team/customer_support, but that listing page is /team/customer-support
        assertEquals("[URL not found.]", call(e, "click_url", "/team/customer_support"));
    }

    @Test
    void trailingNewlineMakesAnEmptyLastView() {
        Environment e = WebEnvironment.load();
        // "/team" ends with "\n": 6 lines, the 6th empty → page 2 of 2 shows one empty line
        call(e, "click_url", "/team");
        assertEquals("----------\n[Web Page Name: /team]\n[Viewing page 2 of 2]\n\n\n----------", call(e, "scroll_down"));
    }

    @Test
    void goingBackResetsScroll() {
        Environment e = WebEnvironment.load();
        call(e, "scroll_down");
        call(e, "click_url", "/contact");
        assertEquals("[Opened page: /]\n" + HOME_1, call(e, "go_to_previous_page"));
    }

    @Test
    void argumentErrors() {
        Environment e = WebEnvironment.load();
        ToolException ex = assertThrows(ToolException.class, () -> call(e, "click_url", 5L));
        assertEquals("AttributeError", ex.pythonType());
        assertEquals("'int' object has no attribute 'replace'", ex.getMessage());
        ex = assertThrows(ToolException.class, () -> call(e, "view", "x"));
        assertEquals("WebBrowser.view() takes 0 positional arguments but 1 was given", ex.getMessage());
        ex = assertThrows(ToolException.class, () -> call(e, "click_url"));
        assertEquals("WebBrowser.click_url() missing 1 required positional argument: 'url'", ex.getMessage());
    }

    @Test
    void kwargsCallAndCalculator() {
        Environment e = WebEnvironment.load();
        assertEquals("[Opened page: /blog]\n" + BLOG, e.call("click_url", Map.of("url", "/blog")));
        assertEquals(7.5, e.call("calculator", Map.of("expression", "(10 + 5) * 0.5")));
        assertEquals("Failed to evaluate expression: 1/0", e.call("calculator", Map.of("expression", "1/0")));
    }

    @Test
    void freshStartsOverAndStateHashIsCanonical() {
        WebEnvironment e = WebEnvironment.create();
        String start = e.stateHash();
        assertEquals(PyHash.sha256Hex("(('current_page', '/'), ('history', ()), ('scroll_position', 0))"), start);
        call(e, "click_url", "/products");
        call(e, "click_url", "/products/wand");
        call(e, "scroll_down");
        assertEquals(PyHash.sha256Hex("(('current_page', '/products/wand'), ('history', ('/', '/products')), "
                + "('scroll_position', 5))"), e.stateHash());
        assertNotEquals(start, e.stateHash());
        Environment f = e.fresh();
        assertEquals(start, f.stateHash());
        assertEquals(HOME_1, call(f, "view"));
        // the original keeps its own state
        assertEquals("/products/wand", e.browser().currentPage());
    }
}
