package org.heirloom.teacher;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.heirloom.job.JobContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A teacher behind an OpenAI-compatible HTTP API ({@code /v1/chat/completions} or {@code
 * /v1/completions}: vLLM, SGLang, TGI, llama.cpp server, Ollama).
 *
 * <p>Transient failures (HTTP 429, 408 and 5xx, timeouts, dropped connections, unparseable or
 * truncated JSON) are retried with exponential backoff and jitter, honouring {@code Retry-After};
 * other HTTP errors fail at once. k candidates are asked for with {@code n}; a server that returns
 * fewer choices than asked (it ignores {@code n}) is then asked once per candidate with that
 * candidate's seed, and every candidate records which way it was made.
 */
public final class OpenAiTeacher implements AnnotatingTeacher, ConcurrentTeacher {

    private static final Logger LOG = LoggerFactory.getLogger(OpenAiTeacher.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final OpenAiConfig config;
    private final String apiKey;
    private final HttpClient client;
    private final AtomicBoolean nIgnored = new AtomicBoolean();
    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong retried = new AtomicLong();

    /**
     * @param apiKey the key sent as a bearer token, or {@code null} (local servers need none)
     */
    public OpenAiTeacher(OpenAiConfig config, String apiKey) {
        this.config = config;
        this.apiKey = apiKey == null || apiKey.isBlank() ? null : apiKey;
        this.client =
                HttpClient.newBuilder()
                        .version(HttpClient.Version.HTTP_1_1)
                        .connectTimeout(config.timeout())
                        .build();
    }

    @Override
    public String spec() {
        return config.identity();
    }

    @Override
    public int concurrency() {
        return config.concurrency();
    }

    @Override
    public String provenance() {
        ObjectNode p = JSON.createObjectNode();
        p.put("kind", "openai");
        p.put("endpoint", config.endpoint().toString());
        p.put("model", config.model());
        p.put("api", config.api().name().toLowerCase(Locale.ROOT));
        p.put("n_mode", config.nMode().name().toLowerCase(Locale.ROOT));
        p.put("server_ignores_n", nIgnored.get());
        p.put("requests", requests.get());
        p.put("retries", retried.get());
        return p.toString();
    }

    /** Requests sent so far, retries included. */
    public long requestCount() {
        return requests.get();
    }

    @Override
    public List<AnnotatedCompletion> generateAnnotated(
            GenerationRequest request, JobContext context)
            throws IOException, InterruptedException {
        List<Integer> indices = request.indices();
        List<Long> seeds = request.seeds();
        List<AnnotatedCompletion> out = new ArrayList<>();
        int start = 0;
        boolean tryN =
                indices.size() > 1
                        && (config.nMode() == OpenAiConfig.NMode.N
                                || (config.nMode() == OpenAiConfig.NMode.AUTO && !nIgnored.get()));
        if (tryN) {
            int n = indices.size();
            long seed = seeds.get(0);
            List<Choice> choices = call(request.prompt(), request.params(), n, seed, context);
            int got = Math.min(n, choices.size());
            for (int i = 0; i < got; i++) {
                ObjectNode prov = JSON.createObjectNode();
                prov.put("k_mode", "n");
                prov.put("n", n);
                prov.put("request_seed", seed);
                prov.put("choice", i);
                out.add(
                        new AnnotatedCompletion(
                                choices.get(i).toCompletion(indices.get(i), seeds.get(i)),
                                prov.toString()));
            }
            if (got < n) {
                if (config.nMode() == OpenAiConfig.NMode.N) {
                    throw new EndpointException(
                            config.endpoint()
                                    + " returned "
                                    + got
                                    + " choices for n="
                                    + n
                                    + "; the server ignores n (use option n=auto or n=seeds)");
                }
                if (nIgnored.compareAndSet(false, true)) {
                    LOG.info(
                            "{} returned {} of {} choices: it ignores n; asking once per seed",
                            config.endpoint(),
                            got,
                            n);
                }
            }
            start = got;
        }
        for (int i = start; i < indices.size(); i++) {
            long seed = seeds.get(i);
            List<Choice> choices = call(request.prompt(), request.params(), 1, seed, context);
            ObjectNode prov = JSON.createObjectNode();
            prov.put("k_mode", "seed");
            prov.put("request_seed", seed);
            out.add(
                    new AnnotatedCompletion(
                            choices.get(0).toCompletion(indices.get(i), seed), prov.toString()));
        }
        return out;
    }

    /** One parsed choice. */
    private record Choice(
            int index, String text, String finishReason, int tokens, String reasoning) {
        Completion toCompletion(int candidateIndex, long seed) {
            return new Completion(
                    candidateIndex, seed, text, tokens, finishReason, Double.NaN, reasoning);
        }
    }

    private ObjectNode body(String prompt, SamplingParams params, int n, long seed) {
        ObjectNode b = JSON.createObjectNode();
        b.put("model", config.model());
        if (config.api() == OpenAiConfig.Api.CHAT) {
            ArrayNode messages = b.putArray("messages");
            TemplateOptions t = config.template();
            if (t.system() != null && !t.system().isEmpty()) {
                messages.addObject().put("role", "system").put("content", t.system());
            }
            if (!t.kwargs().isEmpty()) {
                // vLLM and SGLang pass these to the model's chat template.
                b.set("chat_template_kwargs", JSON.valueToTree(t.kwargs()));
            }
            ObjectNode m = messages.addObject();
            m.put("role", "user");
            m.put("content", prompt);
        } else {
            b.put("prompt", prompt);
        }
        b.put("max_tokens", params.maxNewTokens());
        b.put("temperature", params.temperature());
        b.put("top_p", params.topP());
        if (params.topK() > 0) {
            b.put("top_k", params.topK()); // vLLM/SGLang/llama.cpp extension
        }
        if (params.repetitionPenalty() != 1) {
            b.put("repetition_penalty", params.repetitionPenalty());
        }
        b.put("n", n);
        b.put("seed", seed);
        return b;
    }

    /** Sends one request, retrying transient failures; returns at least one choice. */
    private List<Choice> call(
            String prompt, SamplingParams params, int n, long seed, JobContext context)
            throws IOException, InterruptedException {
        URI endpoint = config.endpoint();
        String payload = body(prompt, params, n, seed).toString();
        String lastProblem = "";
        for (int attempt = 0; attempt <= config.retries(); attempt++) {
            context.checkCancelled();
            if (attempt > 0) {
                retried.incrementAndGet();
            }
            requests.incrementAndGet();
            HttpRequest.Builder rb =
                    HttpRequest.newBuilder(endpoint)
                            .timeout(config.timeout())
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(payload));
            if (apiKey != null) {
                rb.header("Authorization", "Bearer " + apiKey);
            }
            Duration retryAfter = null;
            try {
                HttpResponse<String> r =
                        client.send(rb.build(), HttpResponse.BodyHandlers.ofString());
                int status = r.statusCode();
                if (status == 200) {
                    try {
                        return parse(r.body(), n);
                    } catch (IOException | RuntimeException e) {
                        lastProblem = "unusable response (" + e.getMessage() + ")";
                    }
                } else if (status == 429 || status == 408 || status >= 500) {
                    lastProblem = "HTTP " + status;
                    retryAfter =
                            r.headers()
                                    .firstValue("Retry-After")
                                    .map(OpenAiTeacher::retryAfter)
                                    .orElse(null);
                } else {
                    // The body is never shown: servers echo the key they were sent in it.
                    throw new FatalResponse(endpoint + ": " + fatalStatus(status, r));
                }
            } catch (FatalResponse e) {
                throw e;
            } catch (HttpTimeoutException e) {
                lastProblem = "no answer within " + config.timeout().toMillis() + " ms";
            } catch (java.net.ConnectException e) {
                lastProblem = "cannot connect (is the server running at this address?)";
            } catch (IOException e) {
                lastProblem =
                        "connection problem ("
                                + (e.getMessage() == null
                                        ? e.getClass().getSimpleName()
                                        : redact(e.getMessage()))
                                + ")";
            }
            if (attempt == config.retries()) {
                break;
            }
            Duration wait = retryAfter != null ? retryAfter : backoff(attempt);
            LOG.warn(
                    "{}: {}; retry {} of {} in {} ms",
                    endpoint,
                    lastProblem,
                    attempt + 1,
                    config.retries(),
                    wait.toMillis());
            sleep(wait, context);
        }
        throw new EndpointException(
                endpoint
                        + ": gave up after "
                        + (config.retries() + 1)
                        + " attempts: "
                        + lastProblem);
    }

    /** Exponential backoff with "equal jitter": half fixed, half random, capped. */
    Duration backoff(int attempt) {
        long base = config.backoff().toMillis();
        long cap = config.backoffMax().toMillis();
        long d = Math.min(cap, base << Math.min(attempt, 20));
        long half = d / 2;
        return Duration.ofMillis(half + ThreadLocalRandom.current().nextLong(half + 1));
    }

    /**
     * Retry-After as seconds or an HTTP date (waits are capped at 5 minutes); null if unreadable.
     */
    static Duration retryAfter(String value) {
        String v = value.strip();
        try {
            return Duration.ofMillis(Math.max(0, Math.round(Double.parseDouble(v) * 1000)));
        } catch (NumberFormatException e) {
            try {
                ZonedDateTime t = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME);
                Duration d = Duration.between(ZonedDateTime.now(t.getZone()), t);
                return d.isNegative() ? Duration.ZERO : d;
            } catch (RuntimeException e2) {
                return null;
            }
        }
    }

    private void sleep(Duration wait, JobContext context) throws InterruptedException {
        Duration capped = wait.compareTo(Duration.ofMinutes(5)) > 0 ? Duration.ofMinutes(5) : wait;
        long end = System.nanoTime() + capped.toNanos();
        while (true) {
            context.checkCancelled();
            long left = end - System.nanoTime();
            if (left <= 0) {
                return;
            }
            Thread.sleep(Math.min(100, Math.max(1, left / 1_000_000)));
        }
    }

    private List<Choice> parse(String body, int n) throws IOException {
        JsonNode root = JSON.readTree(body);
        if (root == null || !root.isObject()) {
            throw new IOException("not a JSON object");
        }
        JsonNode choices = root.get("choices");
        if (choices == null || !choices.isArray() || choices.isEmpty()) {
            throw new IOException("no choices");
        }
        int usageTokens = -1;
        JsonNode usage = root.get("usage");
        if (usage != null && usage.has("completion_tokens")) {
            usageTokens = usage.get("completion_tokens").asInt(-1);
        }
        List<Choice> out = new ArrayList<>();
        for (int i = 0; i < choices.size(); i++) {
            JsonNode c = choices.get(i);
            JsonNode text =
                    config.api() == OpenAiConfig.Api.CHAT
                            ? c.path("message").get("content")
                            : c.get("text");
            if (text == null || !text.isTextual()) {
                throw new IOException("choice " + i + " has no text");
            }
            JsonNode fr = c.get("finish_reason");
            // Reasoning servers return it apart (reasoning_content: vLLM, DeepSeek; reasoning:
            // OpenRouter); others leave <think>…</think> in the content.
            JsonNode r = c.path("message").path("reasoning_content");
            if (!r.isTextual()) {
                r = c.path("message").path("reasoning");
            }
            ReasoningSplit split =
                    r.isTextual()
                            ? new ReasoningSplit(r.asText(), text.asText())
                            : ReasoningSplit.of(text.asText());
            out.add(
                    new Choice(
                            c.path("index").asInt(i),
                            split.answer(),
                            fr == null || fr.isNull() ? null : fr.asText(),
                            choices.size() == 1 ? usageTokens : -1,
                            split.reasoning()));
        }
        out.sort(Comparator.comparingInt(Choice::index));
        return out.size() > n ? out.subList(0, n) : out;
    }

    /** An HTTP error that retrying cannot fix (bad request, auth, unknown model). */
    private static final class FatalResponse extends EndpointException {
        FatalResponse(String message) {
            super(message);
        }
    }

    /** What a non-retried status means, without the response body. */
    private String fatalStatus(int status, HttpResponse<String> r) {
        if (status == 401 || status == 403) {
            return "HTTP "
                    + status
                    + " (the server refused the API key; check $"
                    + config.keyEnv()
                    + ")";
        }
        if (status >= 300 && status < 400) {
            // Following a redirect would send the key to an address nobody configured.
            return "HTTP "
                    + status
                    + " redirect"
                    + r.headers()
                            .firstValue("Location")
                            .map(l -> " to " + redact(stripUserInfo(l)))
                            .orElse("")
                    + "; redirects are not followed, give the final address";
        }
        if (status == 404) {
            return "HTTP 404 (no such endpoint or model; check the URL and #MODEL)";
        }
        return "HTTP " + status + " (request refused)";
    }

    /** The key never appears in a message, whatever a server or library put there. */
    private String redact(String text) {
        if (text == null || apiKey == null || apiKey.isEmpty()) {
            return text;
        }
        return text.replace(apiKey, "[key]");
    }

    private static String stripUserInfo(String url) {
        return url.replaceFirst("^([a-zA-Z][a-zA-Z0-9+.-]*://)[^/@]*@", "$1");
    }
}
