package org.heirloom.profile.likelihood;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.List;
import org.heirloom.job.JobContext;
import org.heirloom.teacher.endpoint.EndpointCalls;
import org.heirloom.teacher.endpoint.OpenAiConfig;

/**
 * Scores continuations through an OpenAI-compatible completions endpoint (vLLM, SGLang, TGI) with
 * {@code echo: true, logprobs: 0, max_tokens: 0}: the server returns the log-probability of every
 * prompt token. The continuation's tokens are the whole text's tokens after as many as the context
 * alone has (one more request per item): the local scorer's convention whenever the context's own
 * tokens are a prefix of the whole text's, the usual case (its fallback for the other case is not
 * reproduced). The first prompt token (BOS, or the first word when the tokenizer adds none) has no
 * log-probability and is context, as locally.
 *
 * <p>Faults are handled by the teachers' {@link EndpointCalls}, with the spec's {@code retries},
 * {@code backoff}, {@code backoff-max} and {@code timeout}; a failure is one line naming the
 * endpoint and the status.
 */
public final class EndpointChoiceScorer implements ChoiceScorer {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI completions;
    private final String model;
    private final EndpointCalls calls;

    /**
     * @param baseUrl server root, e.g. {@code http://gpu-host:8000} ({@code /v1/completions} is
     *     appended), with the teacher's default retry policy
     * @param apiKey bearer token from the environment, or {@code null}; never stored
     */
    public EndpointChoiceScorer(String baseUrl, String model, String apiKey) {
        this(OpenAiConfig.parse(baseUrl + "#" + model), apiKey);
    }

    /**
     * @param config the endpoint as a teacher spec gives it (timeout, retries, backoff); scoring
     *     always uses its completions API
     */
    public EndpointChoiceScorer(OpenAiConfig config, String apiKey) {
        OpenAiConfig c =
                new OpenAiConfig(
                        config.baseUrl(),
                        config.model(),
                        OpenAiConfig.Api.COMPLETIONS,
                        config.nMode(),
                        config.concurrency(),
                        config.timeout(),
                        config.retries(),
                        config.backoff(),
                        config.backoffMax(),
                        config.keyEnv(),
                        config.template());
        this.completions = c.endpoint();
        this.model = c.model();
        this.calls = new EndpointCalls(c, apiKey);
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
        OpenAiConfig c = OpenAiConfig.parse(spec.substring("openai:".length()));
        return new EndpointChoiceScorer(c, env.apply(c.keyEnv()));
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
        try {
            return calls.post(
                    completions,
                    body.toString(),
                    JobContext.none(),
                    text -> {
                        JsonNode lp = JSON.readTree(text).path("choices").path(0).path("logprobs");
                        if (!lp.isObject()) {
                            throw new IOException("no choices[0].logprobs");
                        }
                        return lp;
                    });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(completions + ": interrupted");
        }
    }
}
