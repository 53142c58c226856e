package org.selfchallenge.llm;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.*;

class OpenAiConfigTest {
    @Test
    void parsesUrlModelAndOptions() {
        OpenAiConfig c = OpenAiConfig.parse("openai:http://127.0.0.1:8000/v1#meta-llama/Llama-3.1-8B-Instruct;"
                + "api_key_env=VLLM_KEY;endpoint=completions;concurrency=3;retries=2;timeout_ms=1500");
        assertEquals("meta-llama/Llama-3.1-8B-Instruct", c.model());
        assertEquals(OpenAiConfig.Endpoint.COMPLETIONS, c.endpoint());
        assertEquals("VLLM_KEY", c.apiKeyEnv());
        assertEquals(3, c.maxConcurrency());
        assertEquals(2, c.maxRetries());
        assertEquals(Duration.ofMillis(1500), c.requestTimeout());
        assertTrue(c.logprobs(), "completions endpoint asks for logprobs by default");
        assertEquals("http://127.0.0.1:8000/v1/completions", c.endpointUri().toString());
    }

    @Test
    void defaultsAndBaseWithoutV1() {
        OpenAiConfig c = OpenAiConfig.parse("openai:https://api.example.com#gpt-x");
        assertEquals(OpenAiConfig.Endpoint.CHAT, c.endpoint());
        assertEquals("OPENAI_API_KEY", c.apiKeyEnv());
        assertFalse(c.logprobs());
        assertEquals("https://api.example.com/v1/chat/completions", c.endpointUri().toString());
    }

    @Test
    void badSpecsNameTheProblem() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> OpenAiConfig.parse("openai:http://h:1/v1"))
                .getMessage().contains("openai:URL#model"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> OpenAiConfig.parse("openai:ftp://h#m"))
                .getMessage().contains("http(s)"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> OpenAiConfig.parse("openai:http://h#m;retries=x"))
                .getMessage().contains("retries must be an integer"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> OpenAiConfig.parse("openai:http://h#m;colour=red"))
                .getMessage().contains("unknown options [colour]"));
    }

    @Test
    void serviceLoaderFindsTheOpenAiProvider() {
        try (ChatModel m = ChatModels.open("openai:http://127.0.0.1:9/v1#tiny")) {
            assertInstanceOf(OpenAiChatModel.class, m);
            assertEquals("openai:http://127.0.0.1:9/v1#tiny", m.id());
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ChatModels.open("nonsense:x"));
        assertTrue(e.getMessage().contains("no model backend accepts 'nonsense:x'"), e.getMessage());
    }
}
