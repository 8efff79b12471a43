package org.heirloom.teacher.endpoint;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import org.heirloom.job.JobContext;
import org.heirloom.teacher.AnnotatedCompletion;
import org.heirloom.teacher.AnnotatingTeacher;
import org.heirloom.teacher.Completion;
import org.heirloom.teacher.ConcurrentTeacher;
import org.heirloom.teacher.GenerationRequest;
import org.heirloom.teacher.ReasoningSplit;
import org.heirloom.teacher.SamplingParams;
import org.heirloom.teacher.TemplateOptions;
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
    private final EndpointCalls calls;
    private final AtomicBoolean nIgnored = new AtomicBoolean();

    /**
     * @param apiKey the key sent as a bearer token, or {@code null} (local servers need none)
     */
    public OpenAiTeacher(OpenAiConfig config, String apiKey) {
        this.config = config;
        this.calls = new EndpointCalls(config, apiKey);
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
        p.put("requests", calls.requests());
        p.put("retries", calls.retried());
        return p.toString();
    }

    /** Requests sent so far, retries included. */
    public long requestCount() {
        return calls.requests();
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
        String payload = body(prompt, params, n, seed).toString();
        return calls.post(config.endpoint(), payload, context, body -> parse(body, n));
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
}
