package org.selfchallenge.llm;

import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Settings of an {@link OpenAiChatModel}, parsed from a spec
 * {@code openai:URL#model[;key=value...]}, e.g.
 * {@code openai:http://127.0.0.1:8000/v1#meta-llama/Llama-3.1-8B-Instruct;api_key_env=VLLM_KEY;endpoint=completions}.
 *
 * <p>Options: {@code endpoint} = {@code chat} (default, {@code /v1/chat/completions}) or {@code completions}
 * ({@code /v1/completions}, prompt rendered with {@code prompt_format} = {@code llama3} (default) or
 * {@code plain}); {@code logprobs} (default false for chat, true for completions); {@code token_ids}
 * (ask a vLLM server for {@code token_id:N} tokens, default false: hosted APIs reject unknown fields);
 * {@code api_key_env} (name of the environment variable holding the key, default {@code OPENAI_API_KEY};
 * no header when unset); {@code concurrency}, {@code retries}, {@code timeout_ms}, {@code connect_timeout_ms},
 * {@code backoff_ms}, {@code max_backoff_ms}.
 */
public record OpenAiConfig(URI baseUrl, String model, Endpoint endpoint, String promptFormat, boolean logprobs,
                           boolean tokenIds, String apiKeyEnv, int maxConcurrency, int maxRetries,
                           Duration requestTimeout, Duration connectTimeout, Duration initialBackoff,
                           Duration maxBackoff) {

    public enum Endpoint { CHAT, COMPLETIONS }

    public static final String SCHEME = "openai:";
    public static final String DEFAULT_API_KEY_ENV = "OPENAI_API_KEY";
    public static final int DEFAULT_CONCURRENCY = 8;
    public static final int DEFAULT_RETRIES = 5;
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(120);
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
    public static final Duration DEFAULT_BACKOFF = Duration.ofMillis(500);
    public static final Duration DEFAULT_MAX_BACKOFF = Duration.ofSeconds(30);

    public OpenAiConfig {
        if (model == null || model.isBlank()) {
            throw new IllegalArgumentException("openai spec: model name is empty (expected openai:URL#model)");
        }
        if (maxConcurrency < 1) throw new IllegalArgumentException("openai spec: concurrency must be >= 1");
        if (maxRetries < 0) throw new IllegalArgumentException("openai spec: retries must be >= 0");
        if (!"llama3".equals(promptFormat) && !"plain".equals(promptFormat)) {
            throw new IllegalArgumentException("openai spec: prompt_format must be llama3 or plain, got " + promptFormat);
        }
    }

    /** Defaults for the chat endpoint. */
    public static OpenAiConfig of(URI baseUrl, String model) {
        return new OpenAiConfig(baseUrl, model, Endpoint.CHAT, "llama3", false, false, DEFAULT_API_KEY_ENV,
                DEFAULT_CONCURRENCY, DEFAULT_RETRIES, DEFAULT_TIMEOUT, DEFAULT_CONNECT_TIMEOUT, DEFAULT_BACKOFF,
                DEFAULT_MAX_BACKOFF);
    }

    /** Parses {@code openai:URL#model[;k=v...]}; throws IllegalArgumentException naming the bad part. */
    public static OpenAiConfig parse(String spec) {
        if (spec == null || !spec.startsWith(SCHEME)) {
            throw new IllegalArgumentException("not an openai spec: " + spec);
        }
        String rest = spec.substring(SCHEME.length());
        int hash = rest.indexOf('#');
        if (hash <= 0) {
            throw new IllegalArgumentException("openai spec needs openai:URL#model, got: " + spec);
        }
        URI url;
        try {
            url = URI.create(rest.substring(0, hash));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("openai spec: bad URL in " + spec + ": " + e.getMessage());
        }
        if (!"http".equals(url.getScheme()) && !"https".equals(url.getScheme())) {
            throw new IllegalArgumentException("openai spec: URL must be http(s), got " + url);
        }
        String[] parts = rest.substring(hash + 1).split(";");
        Map<String, String> opts = new LinkedHashMap<>();
        for (int i = 1; i < parts.length; i++) {
            int eq = parts[i].indexOf('=');
            if (eq <= 0) throw new IllegalArgumentException("openai spec: option without '=': " + parts[i]);
            opts.put(parts[i].substring(0, eq).trim().toLowerCase(Locale.ROOT), parts[i].substring(eq + 1).trim());
        }
        Endpoint endpoint = switch (opts.getOrDefault("endpoint", "chat")) {
            case "chat" -> Endpoint.CHAT;
            case "completions" -> Endpoint.COMPLETIONS;
            default -> throw new IllegalArgumentException("openai spec: endpoint must be chat or completions");
        };
        OpenAiConfig c = new OpenAiConfig(url, parts[0].trim(), endpoint, opts.getOrDefault("prompt_format", "llama3"),
                bool(opts, "logprobs", endpoint == Endpoint.COMPLETIONS), bool(opts, "token_ids", false),
                opts.getOrDefault("api_key_env", DEFAULT_API_KEY_ENV),
                intOpt(opts, "concurrency", DEFAULT_CONCURRENCY), intOpt(opts, "retries", DEFAULT_RETRIES),
                ms(opts, "timeout_ms", DEFAULT_TIMEOUT), ms(opts, "connect_timeout_ms", DEFAULT_CONNECT_TIMEOUT),
                ms(opts, "backoff_ms", DEFAULT_BACKOFF), ms(opts, "max_backoff_ms", DEFAULT_MAX_BACKOFF));
        opts.keySet().removeAll(java.util.Set.of("endpoint", "prompt_format", "logprobs", "token_ids", "api_key_env",
                "concurrency", "retries", "timeout_ms", "connect_timeout_ms", "backoff_ms", "max_backoff_ms"));
        if (!opts.isEmpty()) throw new IllegalArgumentException("openai spec: unknown options " + opts.keySet());
        return c;
    }

    /** The full URL of the endpoint: {@code baseUrl} may or may not already end in {@code /v1}. */
    public URI endpointUri() {
        String base = baseUrl.toString().replaceAll("/+$", "");
        if (!base.endsWith("/v1")) base = base + "/v1";
        return URI.create(base + (endpoint == Endpoint.CHAT ? "/chat/completions" : "/completions"));
    }

    public OpenAiConfig withRetries(int retries, Duration backoff, Duration maxBackoffValue) {
        return new OpenAiConfig(baseUrl, model, endpoint, promptFormat, logprobs, tokenIds, apiKeyEnv, maxConcurrency,
                retries, requestTimeout, connectTimeout, backoff, maxBackoffValue);
    }

    public OpenAiConfig withTimeout(Duration timeout) {
        return new OpenAiConfig(baseUrl, model, endpoint, promptFormat, logprobs, tokenIds, apiKeyEnv, maxConcurrency,
                maxRetries, timeout, connectTimeout, initialBackoff, maxBackoff);
    }

    private static boolean bool(Map<String, String> o, String k, boolean def) {
        String v = o.get(k);
        if (v == null) return def;
        if (v.equals("true")) return true;
        if (v.equals("false")) return false;
        throw new IllegalArgumentException("openai spec: " + k + " must be true or false, got " + v);
    }

    private static int intOpt(Map<String, String> o, String k, int def) {
        String v = o.get(k);
        try {
            return v == null ? def : Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("openai spec: " + k + " must be an integer, got " + v);
        }
    }

    private static Duration ms(Map<String, String> o, String k, Duration def) {
        String v = o.get(k);
        try {
            return v == null ? def : Duration.ofMillis(Long.parseLong(v));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("openai spec: " + k + " must be milliseconds, got " + v);
        }
    }
}
