package org.selfchallenge.policy.tokenizer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Llama-3.1 and Qwen2.5 upstream chat templates rendered by jinjava vs the renderings of Python's jinja2 set
 * up as transformers does (src/test/python/make_chat_goldens.py → chat_templates/expected.json).
 */
class ChatTemplateTest {
    @Test
    void rendersAsUpstream() throws Exception {
        Path dir = Path.of(getClass().getResource("/chat_templates/expected.json").toURI()).getParent();
        JsonNode cases = new ObjectMapper().readTree(dir.resolve("expected.json").toFile());
        int n = 0;
        for (JsonNode c : cases) {
            String tpl = Files.readString(dir.resolve(c.get("template").asText() + ".jinja"));
            Map<String, Object> special = new HashMap<>();
            c.get("special_tokens").fields().forEachRemaining(e -> special.put(e.getKey(),
                    e.getValue().isNull() ? null : e.getValue().asText()));
            List<Map<String, Object>> msgs = new ArrayList<>();
            for (JsonNode m : c.get("messages")) {
                Map<String, Object> x = new LinkedHashMap<>();
                x.put("role", m.get("role").asText());
                x.put("content", m.get("content").asText());
                msgs.add(x);
            }
            String got = new ChatTemplate(tpl, special).renderMaps(msgs, c.get("add_generation_prompt").asBoolean(),
                    Map.of());
            assertEquals(c.get("expected").asText(), got, c.get("template").asText() + " case " + n);
            n++;
        }
        assertEquals(8, n);
    }

    @Test
    void raiseExceptionAbortsRendering() {
        ChatTemplate t = new ChatTemplate("{{ raise_exception('roles must alternate') }}", Map.of());
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> t.render(List.of(org.selfchallenge.llm.Message.user("x")), true));
        org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().contains("roles must alternate"), e.getMessage());
    }
}
