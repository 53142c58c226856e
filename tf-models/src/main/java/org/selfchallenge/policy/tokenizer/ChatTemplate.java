package org.selfchallenge.policy.tokenizer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.hubspot.jinjava.Jinjava;
import com.hubspot.jinjava.JinjavaConfig;
import com.hubspot.jinjava.LegacyOverrides;
import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import com.hubspot.jinjava.interpret.RenderResult;
import com.hubspot.jinjava.interpret.TemplateError;
import com.hubspot.jinjava.lib.exptest.ExpTest;
import com.hubspot.jinjava.lib.fn.ELFunctionDefinition;
import com.hubspot.jinjava.lib.filter.Filter;
import org.selfchallenge.llm.Message;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A Hugging Face chat template ({@code tokenizer_config.json}'s {@code chat_template}) rendered with jinjava,
 * configured as transformers configures jinja2 for {@code apply_chat_template}: trim_blocks, lstrip_blocks,
 * {@code raise_exception(msg)}, {@code tojson} as Python's {@code json.dumps(..., ensure_ascii=False)}, special
 * tokens ({@code bos_token}, {@code eos_token}, ...) as variables, {@code tools=None}.
 */
public final class ChatTemplate {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final String template;
    private final Map<String, Object> specialTokens;
    private final Jinjava jinjava;

    public ChatTemplate(String template, Map<String, Object> specialTokens) {
        this.template = template;
        this.specialTokens = new HashMap<>(specialTokens);
        // Python-jinja2 behaviour: {{- -}} trimming on expressions, strict whitespace control, natural operator
        // precedence, iterating a dict yields its keys.
        LegacyOverrides py = LegacyOverrides.newBuilder().withUseTrimmingForNotesAndExpressions(true)
                .withParseWhitespaceControlStrictly(true).withUseNaturalOperatorPrecedence(true)
                .withIterateOverMapKeys(true).withEvaluateMapKeys(true).withKeepNullableLoopValues(true).build();
        this.jinjava = new Jinjava(JinjavaConfig.newBuilder().withTrimBlocks(true).withLstripBlocks(true)
                .withFailOnUnknownTokens(false).withLegacyOverrides(py).build());
        jinjava.getGlobalContext().registerFunction(new ELFunctionDefinition("", "raise_exception",
                ChatTemplate.class, "raiseException", String.class));
        // Python: strings are iterable (Llama-3.1's tool branch relies on it)
        jinjava.getGlobalContext().registerExpTest(new ExpTest() {
            @Override
            public String getName() {
                return "iterable";
            }

            @Override
            public boolean evaluate(Object var, JinjavaInterpreter interpreter, Object... args) {
                return var instanceof String || var instanceof Iterable<?> || var instanceof Map<?, ?>
                        || (var != null && var.getClass().isArray());
            }
        });
        jinjava.getGlobalContext().registerFilter(new Filter() {
            @Override
            public String getName() {
                return "tojson";
            }

            @Override
            public Object filter(Object var, JinjavaInterpreter interpreter, String... args) {
                return TemplateJson.dumps(var, null);
            }

            @Override
            public Object filter(Object var, JinjavaInterpreter interpreter, Object[] args, Map<String, Object> kwargs) {
                Object indent = kwargs.get("indent");
                return TemplateJson.dumps(var, indent == null ? null : ((Number) indent).intValue());
            }
        });
    }

    /** The message of the last raise_exception on this thread (jinjava wraps the exception and drops it). */
    private static final ThreadLocal<String> RAISED = new ThreadLocal<>();

    /** Called by templates: aborts rendering with the template's message. */
    public static String raiseException(String message) {
        RAISED.set(message);
        throw new IllegalArgumentException("chat template raised: " + message);
    }

    /**
     * Reads {@code chat_template} (a string, or a list of {name, template} where "default" is used) and the
     * special tokens from a tokenizer_config.json; a sibling {@code chat_template.jinja} wins when present.
     */
    public static ChatTemplate fromTokenizerConfig(Path tokenizerConfig) throws IOException {
        JsonNode n = JSON.readTree(tokenizerConfig.toFile());
        String tpl = null;
        Path jinja = tokenizerConfig.resolveSibling("chat_template.jinja");
        if (Files.isRegularFile(jinja)) {
            tpl = Files.readString(jinja);
        } else {
            JsonNode t = n.get("chat_template");
            if (t != null && t.isTextual()) {
                tpl = t.asText();
            } else if (t != null && t.isArray()) {
                for (JsonNode e : t) {
                    if ("default".equals(e.path("name").asText())) {
                        tpl = e.path("template").asText();
                    }
                }
            }
        }
        if (tpl == null) {
            throw new IOException(tokenizerConfig + ": no chat_template");
        }
        Map<String, Object> special = new HashMap<>();
        for (String k : List.of("bos_token", "eos_token", "pad_token", "unk_token")) {
            JsonNode v = n.get(k);
            if (v != null && v.isTextual()) {
                special.put(k, v.asText());
            } else if (v != null && v.isObject() && v.has("content")) {
                special.put(k, v.get("content").asText());
            }
        }
        return new ChatTemplate(tpl, special);
    }

    public Map<String, Object> specialTokens() {
        return Map.copyOf(specialTokens);
    }

    public String render(List<Message> messages, boolean addGenerationPrompt) {
        List<Map<String, Object>> ms = new ArrayList<>();
        for (Message m : messages) {
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("role", m.role());
            x.put("content", m.content());
            ms.add(x);
        }
        return renderMaps(ms, addGenerationPrompt, Map.of());
    }

    /** Renders messages given as maps (role, content, optional tool_calls ...) with extra template variables. */
    public String renderMaps(List<Map<String, Object>> messages, boolean addGenerationPrompt, Map<String, Object> extra) {
        Map<String, Object> ctx = new HashMap<>(specialTokens);
        ctx.put("messages", messages);
        ctx.put("tools", null);
        ctx.put("documents", null);
        ctx.put("add_generation_prompt", addGenerationPrompt);
        ctx.putAll(extra);
        RAISED.remove();
        RenderResult r = jinjava.renderForResult(template, ctx);
        String raised = RAISED.get();
        RAISED.remove();
        for (TemplateError e : r.getErrors()) {
            if (e.getSeverity() == TemplateError.ErrorType.FATAL) {
                throw new IllegalArgumentException("chat template error: " + e.getMessage()
                        + (raised != null ? ": " + raised : ""));
            }
        }
        return r.getOutput();
    }
}
