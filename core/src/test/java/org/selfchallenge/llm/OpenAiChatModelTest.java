package org.selfchallenge.llm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.*;

/** Talks to a real HTTP server on 127.0.0.1 that speaks the OpenAI protocol, scripted per test. */
class OpenAiChatModelTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What the server does for the n-th request (0-based). */
    interface Behaviour {
        void handle(int n, JsonNode request, HttpExchange ex) throws Exception;
    }

    private HttpServer server;
    private ExecutorService serverPool;
    private final List<JsonNode> requests = Collections.synchronizedList(new ArrayList<>());
    private final List<Long> arrivalsNanos = Collections.synchronizedList(new ArrayList<>());
    private final List<String> authHeaders = Collections.synchronizedList(new ArrayList<>());
    private final List<String> paths = Collections.synchronizedList(new ArrayList<>());
    private volatile Behaviour behaviour;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        serverPool = Executors.newCachedThreadPool();
        server.setExecutor(serverPool);
        AtomicInteger counter = new AtomicInteger();
        server.createContext("/", ex -> {
            try {
                int n = counter.getAndIncrement();
                arrivalsNanos.add(System.nanoTime());
                paths.add(ex.getRequestURI().getPath());
                authHeaders.add(ex.getRequestHeaders().getFirst("Authorization"));
                JsonNode req = JSON.readTree(ex.getRequestBody().readAllBytes());
                requests.add(req);
                behaviour.handle(n, req, ex);
            } catch (Exception e) {
                // a closed connection (client timed out) is expected in the timeout test
            } finally {
                ex.close();
            }
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
        serverPool.shutdownNow();
    }

    private URI base() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/v1");
    }

    private static void reply(HttpExchange ex, int status, String body, Map<String, String> headers) throws IOException {
        headers.forEach((k, v) -> ex.getResponseHeaders().add(k, v));
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        ex.sendResponseHeaders(status, b.length);
        ex.getResponseBody().write(b);
    }

    private static String chatReply(String text) {
        return "{\"id\":\"x\",\"object\":\"chat.completion\",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\","
                + "\"content\":" + JSON.valueToTree(text) + "},\"finish_reason\":\"stop\"}]}";
    }

    private OpenAiChatModel model(OpenAiConfig c) {
        return new OpenAiChatModel(c, Map.of("TEST_KEY", "sk-test-123")::get);
    }

    private OpenAiConfig fast() {
        return OpenAiConfig.parse("openai:" + base() + "#test-model;api_key_env=TEST_KEY;retries=3;backoff_ms=10;"
                + "max_backoff_ms=50;timeout_ms=5000");
    }

    private static ChatRequest req(String userText) {
        return new ChatRequest(List.of(Message.system("sys"), Message.user(userText)),
                new SamplingParams(0.7, 0.9, 40, 64, 1234L, List.of("###")));
    }

    @Test
    void chatCompletionSendsProtocolFieldsAndParsesText() throws Exception {
        behaviour = (n, r, ex) -> reply(ex, 200, chatReply("hello there"), Map.of());
        try (OpenAiChatModel m = model(fast())) {
            Completion c = m.complete(req("hi"));
            assertEquals("hello there", c.text());
            assertEquals("stop", c.finishReason());
            assertNull(c.tokenIds());
            assertNull(c.logprobs());
        }
        assertEquals("/v1/chat/completions", paths.get(0));
        assertEquals("Bearer sk-test-123", authHeaders.get(0));
        JsonNode r = requests.get(0);
        assertEquals("test-model", r.get("model").asText());
        assertEquals("system", r.get("messages").get(0).get("role").asText());
        assertEquals("sys", r.get("messages").get(0).get("content").asText());
        assertEquals("user", r.get("messages").get(1).get("role").asText());
        assertEquals("hi", r.get("messages").get(1).get("content").asText());
        assertEquals(0.7, r.get("temperature").asDouble());
        assertEquals(0.9, r.get("top_p").asDouble());
        assertEquals(40, r.get("top_k").asInt());
        assertEquals(64, r.get("max_tokens").asInt());
        assertEquals(1234L, r.get("seed").asLong());
        assertEquals("###", r.get("stop").get(0).asText());
    }

    @Test
    void completionsEndpointRendersTemplateAndReadsLogprobsAndTokenIds() throws Exception {
        behaviour = (n, r, ex) -> reply(ex, 200, "{\"choices\":[{\"text\":\"Hi!\",\"finish_reason\":\"length\","
                + "\"logprobs\":{\"tokens\":[\"token_id:13347\",\"token_id:0\"],\"token_logprobs\":[-0.25,-1.5]}}]}", Map.of());
        OpenAiConfig c = OpenAiConfig.parse("openai:" + base() + "#m;endpoint=completions;token_ids=true;retries=0");
        try (OpenAiChatModel m = new OpenAiChatModel(c, k -> null)) {
            Completion out = m.complete(new ChatRequest(List.of(Message.user("hey")), SamplingParams.greedy(8)));
            assertEquals("Hi!", out.text());
            assertEquals("length", out.finishReason());
            assertArrayEquals(new int[]{13347, 0}, out.tokenIds());
            assertArrayEquals(new float[]{-0.25f, -1.5f}, out.logprobs());
        }
        assertEquals("/v1/completions", paths.get(0));
        assertNull(authHeaders.get(0), "no key variable set -> no Authorization header");
        JsonNode r = requests.get(0);
        assertEquals("<|begin_of_text|><|start_header_id|>user<|end_header_id|>\n\nhey<|eot_id|>"
                + "<|start_header_id|>assistant<|end_header_id|>\n\n", r.get("prompt").asText());
        assertEquals(1, r.get("logprobs").asInt());
        assertTrue(r.get("return_tokens_as_token_ids").asBoolean());
        assertEquals(0.0, r.get("temperature").asDouble());
        assertFalse(r.has("top_p"), "topP=1 disables the filter, so it is not sent");
        assertFalse(r.has("top_k"));
    }

    @Test
    void chatLogprobsContentFormatIsRead() {
        behaviour = (n, r, ex) -> reply(ex, 200, "{\"choices\":[{\"message\":{\"content\":\"ab\"},\"logprobs\":{\"content\":"
                + "[{\"token\":\"a\",\"logprob\":-0.5},{\"token\":\"b\",\"logprob\":-2.0}]}}]}", Map.of());
        OpenAiConfig c = OpenAiConfig.parse("openai:" + base() + "#m;logprobs=true");
        try (OpenAiChatModel m = model(c)) {
            Completion out = m.complete(req("x"));
            assertEquals("ab", out.text());
            assertNull(out.tokenIds(), "token strings are not ids");
            assertArrayEquals(new float[]{-0.5f, -2.0f}, out.logprobs());
        }
        assertTrue(requests.get(0).get("logprobs").asBoolean());
    }

    @Test
    void status429HonoursRetryAfterThenSucceeds() {
        behaviour = (n, r, ex) -> {
            if (n == 0) reply(ex, 429, "{\"error\":\"slow down\"}", Map.of("Retry-After", "1"));
            else reply(ex, 200, chatReply("ok"), Map.of());
        };
        try (OpenAiChatModel m = model(fast())) {
            assertEquals("ok", m.complete(req("x")).text());
        }
        assertEquals(2, requests.size());
        long gapMs = (arrivalsNanos.get(1) - arrivalsNanos.get(0)) / 1_000_000;
        // Retry-After: 1 (second) replaces the configured 10 ms backoff
        assertTrue(gapMs >= 950, "retry came after " + gapMs + " ms");
    }

    @Test
    void serverErrorsAreRetriedWithBackoff() {
        behaviour = (n, r, ex) -> {
            if (n < 2) reply(ex, 503, "overloaded", Map.of());
            else reply(ex, 200, chatReply("third time"), Map.of());
        };
        try (OpenAiChatModel m = model(fast())) {
            assertEquals("third time", m.complete(req("x")).text());
        }
        assertEquals(3, requests.size());
    }

    @Test
    void persistentServerErrorFailsAfterAllRetriesWithStatusAndBody() {
        behaviour = (n, r, ex) -> reply(ex, 500, "boom: internal", Map.of());
        try (OpenAiChatModel m = model(fast())) {
            ChatModelException e = assertThrows(ChatModelException.class, () -> m.complete(req("x")));
            assertEquals(500, e.status());
            assertTrue(e.getMessage().contains("failed after 4 attempt(s)"), e.getMessage());
            assertTrue(e.getMessage().contains("HTTP 500: boom: internal"), e.getMessage());
        }
        assertEquals(1 + 3, requests.size());
    }

    @Test
    void clientErrorIsNotRetried() {
        behaviour = (n, r, ex) -> reply(ex, 400, "{\"error\":{\"message\":\"context too long\"}}", Map.of());
        try (OpenAiChatModel m = model(fast())) {
            ChatModelException e = assertThrows(ChatModelException.class, () -> m.complete(req("x")));
            assertEquals(400, e.status());
            assertTrue(e.getMessage().contains("context too long"), e.getMessage());
        }
        assertEquals(1, requests.size());
    }

    @Test
    void malformedJsonIsAClearError() {
        behaviour = (n, r, ex) -> reply(ex, 200, "{\"choices\": [ {\"message\": ", Map.of());
        try (OpenAiChatModel m = model(fast())) {
            ChatModelException e = assertThrows(ChatModelException.class, () -> m.complete(req("x")));
            assertTrue(e.getMessage().startsWith("malformed response from " + base() + "/chat/completions: body is not JSON"),
                    e.getMessage());
        }
        assertEquals(1, requests.size());
    }

    @Test
    void jsonWithoutChoicesOrContentIsAClearError() {
        behaviour = (n, r, ex) -> reply(ex, 200, n == 0 ? "{\"object\":\"list\"}"
                : "{\"choices\":[{\"message\":{\"content\":null}}]}", Map.of());
        try (OpenAiChatModel m = model(fast())) {
            ChatModelException e1 = assertThrows(ChatModelException.class, () -> m.complete(req("x")));
            assertTrue(e1.getMessage().contains("no choices[0]"), e1.getMessage());
            ChatModelException e2 = assertThrows(ChatModelException.class, () -> m.complete(req("x")));
            assertTrue(e2.getMessage().contains("choices[0].message.content is not a string"), e2.getMessage());
        }
    }

    @Test
    void timeoutIsRetriedThenReported() {
        behaviour = (n, r, ex) -> Thread.sleep(3000);
        OpenAiConfig c = OpenAiConfig.parse("openai:" + base() + "#m;timeout_ms=200;retries=1;backoff_ms=10");
        try (OpenAiChatModel m = model(c)) {
            ChatModelException e = assertThrows(ChatModelException.class, () -> m.complete(req("x")));
            assertEquals(-1, e.status());
            assertTrue(e.getMessage().contains("failed after 2 attempt(s): no answer within 200 ms"), e.getMessage());
        }
        assertEquals(2, requests.size());
    }

    @Test
    void batchKeepsOrderAndConcurrencyIsBounded() {
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger maxInFlight = new AtomicInteger();
        behaviour = (n, r, ex) -> {
            int now = inFlight.incrementAndGet();
            maxInFlight.accumulateAndGet(now, Math::max);
            Thread.sleep(150);
            inFlight.decrementAndGet();
            String user = r.get("messages").get(1).get("content").asText();
            reply(ex, 200, chatReply("echo " + user), Map.of());
        };
        OpenAiConfig c = OpenAiConfig.parse("openai:" + base() + "#m;concurrency=2");
        List<ChatRequest> batch = new ArrayList<>();
        for (int i = 0; i < 6; i++) batch.add(req("q" + i));
        try (OpenAiChatModel m = model(c)) {
            List<Completion> out = m.complete(batch);
            for (int i = 0; i < 6; i++) assertEquals("echo q" + i, out.get(i).text());
        }
        assertEquals(2, maxInFlight.get());
    }

    @Test
    void retryAfterAcceptsSecondsAndHttpDates() {
        assertEquals(Duration.ofMillis(2500), OpenAiChatModel.retryAfter("2.5").orElseThrow());
        assertEquals(Duration.ZERO, OpenAiChatModel.retryAfter("Wed, 21 Oct 2015 07:28:00 GMT").orElseThrow());
        assertTrue(OpenAiChatModel.retryAfter("soon").isEmpty());
        assertTrue(OpenAiChatModel.retryAfter(null).isEmpty());
    }
}
