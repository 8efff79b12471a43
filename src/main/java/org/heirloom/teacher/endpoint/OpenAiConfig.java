package org.heirloom.teacher.endpoint;

import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.heirloom.teacher.TemplateOptions;

/**
 * Settings of an OpenAI-compatible endpoint, parsed from {@code
 * openai:BASE_URL#MODEL[;opt=val]...}.
 *
 * <p>Options: {@code api=chat|completions} (default chat), {@code n=auto|n|seeds} (how k candidates
 * are asked for; default auto: the {@code n} parameter, falling back to one request per seed when
 * the server returns fewer choices), {@code concurrency=4}, {@code timeout=60s}, {@code retries=6},
 * {@code backoff=500ms}, {@code backoff-max=30s}, {@code key-env=OPENAI_API_KEY} (the environment
 * variable holding the API key; the key itself is never written anywhere). With {@code api=chat},
 * {@code system=TEXT} sends a system message first and {@code kwarg.NAME=VALUE} goes to the
 * server's chat template as {@code chat_template_kwargs} (vLLM, SGLang), e.g. {@code
 * kwarg.enable_thinking=false}; both are part of the identity.
 */
public record OpenAiConfig(
        URI baseUrl,
        String model,
        Api api,
        NMode nMode,
        int concurrency,
        Duration timeout,
        int retries,
        Duration backoff,
        Duration backoffMax,
        String keyEnv,
        TemplateOptions template) {

    /** Which endpoint. */
    public enum Api {
        CHAT,
        COMPLETIONS
    }

    /** How k candidates are requested. */
    public enum NMode {
        AUTO,
        N,
        SEEDS
    }

    public static final String DEFAULT_KEY_ENV = "OPENAI_API_KEY";

    public static OpenAiConfig parse(String location) {
        String spec = "openai:" + location;
        int hash = location.lastIndexOf('#');
        if (hash <= 0 || hash == location.length() - 1) {
            throw new IllegalArgumentException(
                    "teacher spec '" + spec + "' is not openai:BASE_URL#MODEL[;option=value...]");
        }
        String url = location.substring(0, hash);
        String[] parts = location.substring(hash + 1).split(";");
        String model = parts[0].strip();
        if (model.isEmpty()) {
            throw new IllegalArgumentException("teacher spec '" + spec + "' names no model");
        }
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "teacher spec '" + spec + "': base URL '" + url + "' is not a URL");
        }
        if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
                || uri.getHost() == null) {
            throw new IllegalArgumentException(
                    "teacher spec '" + spec + "': base URL must be http(s)://HOST[:PORT][/PATH]");
        }
        Map<String, String> opts = new LinkedHashMap<>();
        for (int i = 1; i < parts.length; i++) {
            String[] kv = parts[i].split("=", 2);
            if (kv.length != 2 || kv[0].isBlank()) {
                throw new IllegalArgumentException(
                        "teacher spec '" + spec + "': option '" + parts[i] + "' is not NAME=VALUE");
            }
            String key = kv[0].strip();
            // Template kwarg names are template variables: their case matters.
            opts.put(
                    key.startsWith(TemplateOptions.KWARG_PREFIX)
                            ? key
                            : key.toLowerCase(Locale.ROOT),
                    kv[1].strip());
        }
        Api api = Api.CHAT;
        NMode n = NMode.AUTO;
        int concurrency = 4;
        Duration timeout = Duration.ofSeconds(60);
        int retries = 6;
        Duration backoff = Duration.ofMillis(500);
        Duration backoffMax = Duration.ofSeconds(30);
        String keyEnv = DEFAULT_KEY_ENV;
        TemplateOptions template = TemplateOptions.NONE;
        for (Map.Entry<String, String> e : opts.entrySet()) {
            String v = e.getValue();
            String what = "teacher spec '" + spec + "': option " + e.getKey();
            switch (e.getKey()) {
                case "api" -> api = enumValue(Api.class, v, what);
                case "n" -> n = enumValue(NMode.class, v, what);
                case "concurrency" -> concurrency = positiveInt(v, what);
                case "timeout" -> timeout = duration(v, what);
                case "retries" -> retries = nonNegativeInt(v, what);
                case "backoff" -> backoff = duration(v, what);
                case "backoff-max" -> backoffMax = duration(v, what);
                case "key-env" -> {
                    if (!v.matches("[A-Za-z_][A-Za-z0-9_]*")) {
                        throw new IllegalArgumentException(
                                what + ": '" + v + "' is not an environment variable name");
                    }
                    keyEnv = v;
                }
                default -> {
                    TemplateOptions next = template.withSpecOption(e.getKey(), v);
                    if (next == null) {
                        throw new IllegalArgumentException(
                                "teacher spec '"
                                        + spec
                                        + "': unknown option '"
                                        + e.getKey()
                                        + "' (options: api, n, concurrency, timeout, retries,"
                                        + " backoff, backoff-max, key-env, system, kwarg.NAME)");
                    }
                    template = next;
                }
            }
        }
        if (api != Api.CHAT && !template.isEmpty()) {
            throw new IllegalArgumentException(
                    "teacher spec '" + spec + "': system and kwarg.NAME options need api=chat");
        }
        return new OpenAiConfig(
                uri,
                model,
                api,
                n,
                concurrency,
                timeout,
                retries,
                backoff,
                backoffMax,
                keyEnv,
                template);
    }

    /** The spec without operational options: what identifies the generated text. */
    public String identity() {
        return "openai:"
                + baseUrl
                + "#"
                + model
                + ";api="
                + api.name().toLowerCase(Locale.ROOT)
                + (nMode == NMode.AUTO ? "" : ";n=" + nMode.name().toLowerCase(Locale.ROOT))
                + template.toSpecOptions();
    }

    /** The endpoint URL: the base URL with {@code /v1} added unless it already ends in it. */
    public URI endpoint() {
        String base = baseUrl.toString();
        while (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        if (!base.endsWith("/v1")) {
            base = base + "/v1";
        }
        return URI.create(base + (api == Api.CHAT ? "/chat/completions" : "/completions"));
    }

    private static <E extends Enum<E>> E enumValue(Class<E> type, String v, String what) {
        for (E e : type.getEnumConstants()) {
            if (e.name().equalsIgnoreCase(v)) {
                return e;
            }
        }
        throw new IllegalArgumentException(what + ": unknown value '" + v + "'");
    }

    private static int positiveInt(String v, String what) {
        int n = nonNegativeInt(v, what);
        if (n == 0) {
            throw new IllegalArgumentException(what + " must be > 0");
        }
        return n;
    }

    private static int nonNegativeInt(String v, String what) {
        try {
            int n = Integer.parseInt(v);
            if (n < 0) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(what + ": '" + v + "' is not a whole number >= 0");
        }
    }

    /** {@code 1.5}, {@code 1.5s} (seconds) or {@code 250ms}. */
    static Duration duration(String v, String what) {
        try {
            if (v.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(v.substring(0, v.length() - 2).strip()));
            }
            String s = v.endsWith("s") ? v.substring(0, v.length() - 1) : v;
            double seconds = Double.parseDouble(s.strip());
            if (seconds < 0) {
                throw new NumberFormatException();
            }
            return Duration.ofMillis(Math.round(seconds * 1000));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    what + ": '" + v + "' is not a duration (e.g. 30s, 1.5, 250ms)");
        }
    }
}
