package org.selfchallenge.llm;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Client for OpenAI-compatible servers (vLLM, SGLang, llama.cpp, hosted APIs) over {@code java.net.http}.
 *
 * <p>{@code /v1/chat/completions} sends the messages as they are; {@code /v1/completions} renders them
 * with a chat template first and asks for {@code logprobs}, which is what PPO-style training needs.
 * Requests of a batch run in parallel on a pool of {@code maxConcurrency} threads shared by all callers,
 * so the server never sees more than that many requests from this instance.
 *
 * <p>Retries: 429, 5xx, timeouts and connection failures are retried up to {@code maxRetries} times
 * with exponential backoff ({@code initialBackoff · 2^attempt}, capped at {@code maxBackoff}); a
 * {@code Retry-After} header (seconds or HTTP date) replaces the computed wait. Other 4xx statuses
 * and malformed bodies fail at once with a {@link ChatModelException} naming the endpoint, status
 * and body excerpt. Thread-safe.
 */
public final class OpenAiChatModel implements ChatModel {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int BODY_EXCERPT = 300;
    private static final Pattern TOKEN_ID = Pattern.compile("token_id:(\\d+)");

    private final OpenAiConfig config;
    private final HttpClient http;
    private final ExecutorService pool;
    private final String apiKey;

    public OpenAiChatModel(OpenAiConfig config) {
        this(config, System::getenv);
    }

    /** {@code env} looks up the API key variable (tests pass their own map). */
    public OpenAiChatModel(OpenAiConfig config, Function<String, String> env) {
        this.config = config;
        this.http = HttpClient.newBuilder().connectTimeout(config.connectTimeout())
                .version(HttpClient.Version.HTTP_1_1).build();
        this.pool = Executors.newFixedThreadPool(config.maxConcurrency(), r -> {
            Thread t = new Thread(r, "openai-client");
            t.setDaemon(true);
            return t;
        });
        String key = config.apiKeyEnv() == null ? null : env.apply(config.apiKeyEnv());
        this.apiKey = key == null || key.isBlank() ? null : key;
    }

    public OpenAiConfig config() {
        return config;
    }

    @Override
    public String id() {
        return "openai:" + config.baseUrl() + "#" + config.model();
    }

    @Override
    public List<Completion> complete(List<ChatRequest> batch) {
        List<Future<Completion>> futures = new ArrayList<>(batch.size());
        for (ChatRequest r : batch) futures.add(pool.submit(() -> completeOne(r)));
        List<Completion> out = new ArrayList<>(batch.size());
        for (Future<Completion> f : futures) {
            try {
                out.add(f.get());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                futures.forEach(x -> x.cancel(true));
                throw new ChatModelException("interrupted while waiting for " + config.endpointUri());
            } catch (ExecutionException e) {
                futures.forEach(x -> x.cancel(true));
                if (e.getCause() instanceof ChatModelException c) throw c;
                throw new ChatModelException("request to " + config.endpointUri() + " failed: " + e.getCause(), -1,
                        e.getCause());
            }
        }
        return out;
    }

    private Completion completeOne(ChatRequest request) throws InterruptedException {
        String body = requestBody(request);
        HttpRequest.Builder b = HttpRequest.newBuilder(config.endpointUri()).timeout(config.requestTimeout())
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        if (apiKey != null) b.header("Authorization", "Bearer " + apiKey);
        HttpRequest httpRequest = b.build();
        String lastProblem = "";
        int lastStatus = -1;
        for (int attempt = 0; ; attempt++) {
            Duration wait = backoff(attempt);
            try {
                HttpResponse<String> resp = http.send(httpRequest, HttpResponse.BodyHandlers.ofString());
                lastStatus = resp.statusCode();
                if (lastStatus == 200) return parse(resp.body());
                lastProblem = "HTTP " + lastStatus + ": " + excerpt(resp.body());
                boolean retryable = lastStatus == 429 || lastStatus >= 500;
                if (!retryable) {
                    throw new ChatModelException(config.endpointUri() + " answered " + lastProblem, lastStatus, null);
                }
                Optional<Duration> ra = retryAfter(resp.headers().firstValue("Retry-After").orElse(null));
                if (ra.isPresent()) wait = ra.get();
            } catch (HttpTimeoutException e) {
                lastProblem = "no answer within " + config.requestTimeout().toMillis() + " ms";
                lastStatus = -1;
            } catch (IOException e) {
                lastProblem = "connection failed: " + e;
                lastStatus = -1;
            }
            if (attempt >= config.maxRetries()) {
                throw new ChatModelException(config.endpointUri() + " failed after " + (attempt + 1) + " attempt(s): "
                        + lastProblem, lastStatus, null);
            }
            Thread.sleep(wait.toMillis());
        }
    }

    /** initialBackoff · 2^attempt, capped at maxBackoff. */
    private Duration backoff(int attempt) {
        long ms = config.initialBackoff().toMillis() << Math.min(attempt, 20);
        return Duration.ofMillis(Math.min(ms, config.maxBackoff().toMillis()));
    }

    /** Retry-After is either delta-seconds or an HTTP date (RFC 9110 §10.2.3); capped at maxBackoff·4. */
    static Optional<Duration> retryAfter(String header) {
        if (header == null || header.isBlank()) return Optional.empty();
        Duration d;
        try {
            d = Duration.ofMillis((long) (Double.parseDouble(header.trim()) * 1000));
        } catch (NumberFormatException e) {
            try {
                ZonedDateTime at = ZonedDateTime.parse(header.trim(), DateTimeFormatter.RFC_1123_DATE_TIME);
                d = Duration.between(ZonedDateTime.now(at.getZone()), at);
            } catch (RuntimeException e2) {
                return Optional.empty();
            }
        }
        return Optional.of(d.isNegative() ? Duration.ZERO : d);
    }

    String requestBody(ChatRequest request) {
        SamplingParams p = request.params();
        ObjectNode root = JSON.createObjectNode();
        root.put("model", config.model());
        if (config.endpoint() == OpenAiConfig.Endpoint.CHAT) {
            ArrayNode msgs = root.putArray("messages");
            for (Message m : request.messages()) msgs.addObject().put("role", m.role()).put("content", m.content());
            if (config.logprobs()) root.put("logprobs", true);
        } else {
            root.put("prompt", ChatTemplates.render(config.promptFormat(), request.messages()));
            if (config.logprobs()) root.put("logprobs", 1);
        }
        if (config.tokenIds()) root.put("return_tokens_as_token_ids", true);
        if (p != null) {
            root.put("temperature", p.temperature());
            if (p.topP() < 1.0) root.put("top_p", p.topP());
            if (p.topK() > 0) root.put("top_k", p.topK());
            root.put("max_tokens", p.maxNewTokens());
            root.put("seed", p.seed());
            if (!p.stop().isEmpty()) {
                ArrayNode stop = root.putArray("stop");
                p.stop().forEach(stop::add);
            }
        }
        return root.toString();
    }

    Completion parse(String body) {
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw malformed("body is not JSON (" + e.getOriginalMessage() + ")", body);
        }
        if (root == null || !root.path("choices").isArray() || root.path("choices").isEmpty()) {
            throw malformed("no choices[0]", body);
        }
        JsonNode choice = root.path("choices").get(0);
        JsonNode textNode = config.endpoint() == OpenAiConfig.Endpoint.CHAT
                ? choice.path("message").path("content") : choice.path("text");
        if (!textNode.isTextual()) {
            throw malformed(config.endpoint() == OpenAiConfig.Endpoint.CHAT
                    ? "choices[0].message.content is not a string" : "choices[0].text is not a string", body);
        }
        String finish = choice.path("finish_reason").isTextual() ? choice.path("finish_reason").asText() : "stop";
        List<String> tokens = new ArrayList<>();
        List<Float> lps = new ArrayList<>();
        JsonNode lp = choice.path("logprobs");
        if (lp.path("content").isArray()) {
            for (JsonNode t : lp.path("content")) {
                tokens.add(t.path("token").asText());
                lps.add((float) t.path("logprob").asDouble());
            }
        } else if (lp.path("token_logprobs").isArray()) {
            for (JsonNode t : lp.path("tokens")) tokens.add(t.asText());
            for (JsonNode t : lp.path("token_logprobs")) lps.add((float) t.asDouble());
        }
        float[] logprobs = null;
        if (!lps.isEmpty()) {
            logprobs = new float[lps.size()];
            for (int i = 0; i < logprobs.length; i++) logprobs[i] = lps.get(i);
        }
        return new Completion(textNode.asText(), tokenIds(tokens), logprobs, finish);
    }

    /** vLLM's {@code return_tokens_as_token_ids} writes tokens as {@code token_id:N}; otherwise ids are unknown. */
    private static int[] tokenIds(List<String> tokens) {
        if (tokens.isEmpty()) return null;
        int[] ids = new int[tokens.size()];
        for (int i = 0; i < ids.length; i++) {
            Matcher m = TOKEN_ID.matcher(tokens.get(i));
            if (!m.matches()) return null;
            ids[i] = Integer.parseInt(m.group(1));
        }
        return ids;
    }

    private ChatModelException malformed(String what, String body) {
        return new ChatModelException("malformed response from " + config.endpointUri() + ": " + what + "; body: "
                + excerpt(body), 200, null);
    }

    private static String excerpt(String body) {
        if (body == null) return "<empty>";
        String s = body.replaceAll("\\s+", " ").trim();
        return s.length() <= BODY_EXCERPT ? s : s.substring(0, BODY_EXCERPT) + "...";
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
