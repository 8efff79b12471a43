package org.heirloom.profile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

/**
 * Scores continuations through an OpenAI-compatible completions endpoint (vLLM, SGLang, TGI) with
 * {@code echo: true, logprobs: 0, max_tokens: 0}: the server returns the log-probability of every
 * prompt token. The continuation's tokens are the whole text's tokens after as many as the context
 * alone has (one more request per item): the local scorer's convention whenever the context's own
 * tokens are a prefix of the whole text's, the usual case (its fallback for the other case is not
 * reproduced). The first prompt token (BOS, or the first word when the tokenizer adds none) has no
 * log-probability and is context, as locally.
 *
 * <p>Faults, as for teachers: 429 and 5xx answers and connection errors are retried with the spec's
 * {@code retries}, {@code backoff}, {@code backoff-max} and {@code timeout} (doubling waits); any
 * other answer is one error line naming the endpoint and the status.
 */
public final class EndpointChoiceScorer implements ChoiceScorer {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI completions;
    private final String model;
    private final String apiKey;
    private final HttpClient client;
    private final int tries;
    private final Duration backoff;
    private final Duration backoffMax;
    private final Duration timeout;

    /**
     * @param baseUrl server root, e.g. {@code http://gpu-host:8000} ({@code /v1/completions} is
     *     appended)
     * @param apiKey bearer token from the environment, or {@code null}; never stored
     */
    public EndpointChoiceScorer(String baseUrl, String model, String apiKey) {
        this(
                baseUrl,
                model,
                apiKey,
                2,
                Duration.ofSeconds(1),
                Duration.ofSeconds(2),
                Duration.ofMinutes(2));
    }

    /**
     * @param retries further tries after a 429, a 5xx or a connection error, waiting {@code
     *     backoff}, doubled each time up to {@code backoffMax} (the teacher's policy)
     */
    public EndpointChoiceScorer(
            String baseUrl,
            String model,
            String apiKey,
            int retries,
            Duration backoff,
            Duration backoffMax,
            Duration timeout) {
        this.tries = retries + 1;
        this.backoff = backoff;
        this.backoffMax = backoffMax;
        this.timeout = timeout;
        String b = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.completions =
                URI.create(b.endsWith("/v1") ? b + "/completions" : b + "/v1/completions");
        this.model = model;
        this.apiKey = apiKey;
        this.client =
                HttpClient.newBuilder()
                        .version(HttpClient.Version.HTTP_1_1)
                        .connectTimeout(Duration.ofSeconds(30))
                        .build();
    }

    /**
     * From a registered endpoint model's spec, {@code openai:BASE_URL#MODEL[;key-env=VAR...]}: the
     * teacher's syntax; the API key is read from the environment variable it names.
     */
    public static EndpointChoiceScorer of(
            String spec, java.util.function.Function<String, String> env) {
        if (!spec.startsWith("openai:")) {
            throw new IllegalArgumentException("not an endpoint spec: '" + spec + "'");
        }
        org.heirloom.teacher.OpenAiConfig c =
                org.heirloom.teacher.OpenAiConfig.parse(spec.substring("openai:".length()));
        return new EndpointChoiceScorer(
                c.baseUrl().toString(),
                c.model(),
                env.apply(c.keyEnv()),
                c.retries(),
                c.backoff(),
                c.backoffMax(),
                c.timeout());
    }

    @Override
    public double[] meanLogProbs(String context, List<String> continuations) {
        // As the local scorer: the context's own tokens are the first ones of the whole text,
        // the rest are the continuation's. Counting tokens (not characters) keeps this exact
        // whatever the server echoes for BOS.
        int contextTokens = tokenLogprobs(echo(context)).size();
        double[] out = new double[continuations.size()];
        for (int i = 0; i < out.length; i++) {
            String c = continuations.get(i);
            out[i] = mean(tokenLogprobs(echo(context + c)), contextTokens, c);
        }
        return out;
    }

    @Override
    public double meanLogProb(String sentence) {
        return mean(tokenLogprobs(echo(sentence)), 0, sentence);
    }

    private JsonNode tokenLogprobs(JsonNode logprobs) {
        JsonNode lps = logprobs.get("token_logprobs");
        if (lps == null || !lps.isArray()) {
            throw new IllegalStateException(
                    completions + ": answer has no logprobs.token_logprobs (echo unsupported?)");
        }
        return lps;
    }

    /**
     * Mean of the log-probs from token {@code from} on; a null one (the first token) is context.
     */
    private double mean(JsonNode lps, int from, String what) {
        double sum = 0;
        int n = 0;
        for (int i = from; i < lps.size(); i++) {
            if (lps.get(i).isNull()) {
                continue;
            }
            sum += lps.get(i).asDouble();
            n++;
        }
        if (n == 0) {
            throw new IllegalArgumentException("option '" + what + "' encodes to no tokens");
        }
        return sum / n;
    }

    private JsonNode echo(String prompt) {
        ObjectNode body = JSON.createObjectNode();
        body.put("model", model);
        body.put("prompt", prompt);
        body.put("echo", true);
        body.put("logprobs", 0);
        body.put("max_tokens", 0);
        body.put("temperature", 0);
        HttpRequest.Builder req =
                HttpRequest.newBuilder(completions)
                        .timeout(timeout)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body.toString()));
        if (apiKey != null && !apiKey.isBlank()) {
            req.header("Authorization", "Bearer " + apiKey);
        }
        String last = "";
        Duration wait = backoff;
        for (int attempt = 1; attempt <= tries; attempt++) {
            try {
                HttpResponse<String> r =
                        client.send(req.build(), HttpResponse.BodyHandlers.ofString());
                int status = r.statusCode();
                if (status == 200) {
                    JsonNode lp = JSON.readTree(r.body()).path("choices").path(0).path("logprobs");
                    if (!lp.isObject()) {
                        throw new IllegalStateException(
                                completions + ": answer has no choices[0].logprobs");
                    }
                    return lp;
                }
                last = "HTTP " + status;
                if (status != 429 && status < 500) {
                    break;
                }
            } catch (IOException e) {
                last =
                        e.getClass().getSimpleName()
                                + (e.getMessage() == null ? "" : ": " + e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(completions + ": interrupted");
            }
            if (attempt < tries) {
                try {
                    Thread.sleep(wait.toMillis());
                    wait =
                            wait.multipliedBy(2).compareTo(backoffMax) > 0
                                    ? backoffMax
                                    : wait.multipliedBy(2);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(completions + ": interrupted");
                }
            }
        }
        throw new IllegalStateException(completions + ": scoring failed (" + last + ")");
    }
}
