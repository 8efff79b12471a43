package org.heirloom.score.toxicity;

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
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Client for Google's Perspective API ({@code comments:analyze}), the scorer the paper used. The
 * API key comes from the environment variable {@code PERSPECTIVE_API_KEY} or is handed in by the
 * caller (a session setting in the app); it is sent in the {@code X-Goog-Api-Key} header, never in
 * the URL, and never stored in projects, metric ids or logs. Requests are spaced to a rate limit
 * (default 1 per second, Perspective's default quota); 429 and 5xx responses are retried with
 * exponential backoff (honouring {@code Retry-After}). A text Perspective refuses (400, e.g. an
 * unsupported language) scores NaN; a rejected key (401/403) stops the run.
 */
public final class PerspectiveToxicity implements ToxicityBackend {

    private static final Logger LOG = LoggerFactory.getLogger(PerspectiveToxicity.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The public endpoint. */
    public static final URI DEFAULT_ENDPOINT =
            URI.create("https://commentanalyzer.googleapis.com/v1alpha1/comments:analyze");

    /** Environment variable holding the key. */
    public static final String KEY_ENV = "PERSPECTIVE_API_KEY";

    /**
     * Settings.
     *
     * @param endpoint the analyze URL
     * @param apiKey the key (never persisted)
     * @param attribute requested attribute, e.g. TOXICITY
     * @param requestsPerSecond rate limit
     * @param maxRetries retries after 429/5xx/IO errors
     * @param initialBackoff first retry delay, doubled each time
     * @param timeout per-request timeout
     */
    public record Config(
            URI endpoint,
            String apiKey,
            String attribute,
            double requestsPerSecond,
            int maxRetries,
            Duration initialBackoff,
            Duration timeout) {

        public Config {
            if (apiKey == null || apiKey.isBlank()) {
                throw new IllegalArgumentException(
                        "Perspective needs an API key: set the environment variable " + KEY_ENV);
            }
            if (requestsPerSecond <= 0) {
                throw new IllegalArgumentException("Perspective rate must be positive");
            }
        }

        /**
         * Defaults with the key from {@code PERSPECTIVE_API_KEY}, else the key the user entered in
         * this session ({@link PerspectiveToxicity#setSessionKey}).
         */
        public static Config fromEnvironment() {
            String env = System.getenv(KEY_ENV);
            return defaults(env != null && !env.isBlank() ? env : sessionKey);
        }

        public static Config defaults(String apiKey) {
            return new Config(
                    DEFAULT_ENDPOINT,
                    apiKey,
                    "TOXICITY",
                    1.0,
                    5,
                    Duration.ofSeconds(2),
                    Duration.ofSeconds(30));
        }

        @Override
        public String toString() {
            // Never print the key.
            return "Config[endpoint=" + endpoint + ", attribute=" + attribute + "]";
        }
    }

    /** Waits; replaceable in tests. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(long millis) throws InterruptedException;
    }

    private static volatile String sessionKey;

    /**
     * Sets the key the user entered in the app's settings for this session only: kept in memory,
     * never written to settings, projects or logs. Null clears it.
     */
    public static void setSessionKey(String key) {
        sessionKey = key == null || key.isBlank() ? null : key.strip();
    }

    private final Config config;
    private final HttpClient http;
    private final Sleeper sleeper;
    private long nextSlotNanos;

    public PerspectiveToxicity(Config config) {
        this(config, Thread::sleep);
    }

    public PerspectiveToxicity(Config config, Sleeper sleeper) {
        this.config = config;
        this.sleeper = sleeper;
        this.http = HttpClient.newBuilder().connectTimeout(config.timeout()).build();
    }

    @Override
    public String name() {
        return "perspective";
    }

    @Override
    public Map<String, String> idParams() {
        return Map.of("attribute", config.attribute());
    }

    @Override
    public double[] score(List<String> texts) {
        double[] out = new double[texts.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = score(texts.get(i));
        }
        return out;
    }

    /** Scores one text (blocking: rate limit and retries). */
    public double score(String text) {
        String body = requestBody(text);
        HttpRequest request =
                HttpRequest.newBuilder(config.endpoint())
                        .timeout(config.timeout())
                        .header("Content-Type", "application/json")
                        .header("X-Goog-Api-Key", config.apiKey())
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build();
        long backoff = config.initialBackoff().toMillis();
        for (int attempt = 0; ; attempt++) {
            awaitSlot();
            int status;
            String responseBody;
            long retryAfterMs = -1;
            try {
                HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
                status = r.statusCode();
                responseBody = r.body();
                retryAfterMs =
                        r.headers()
                                .firstValue("Retry-After")
                                .map(PerspectiveToxicity::parseRetryAfter)
                                .orElse(-1L);
            } catch (IOException e) {
                status = -1;
                responseBody = e.toString();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while calling Perspective");
            }
            if (status == 200) {
                return parseScore(responseBody);
            }
            if (status == 401 || status == 403) {
                throw new IllegalArgumentException(
                        "Perspective rejected the API key (HTTP " + status + ")");
            }
            if (status == 400) {
                LOG.warn("Perspective cannot score a text (HTTP 400): {}", brief(responseBody));
                return Double.NaN;
            }
            boolean retryable = status == -1 || status == 429 || status >= 500;
            if (!retryable || attempt >= config.maxRetries()) {
                throw new IllegalStateException(
                        "Perspective failed (HTTP "
                                + status
                                + ") after "
                                + (attempt + 1)
                                + " attempts: "
                                + brief(responseBody));
            }
            long wait = Math.max(backoff, retryAfterMs);
            LOG.info("Perspective HTTP {}; retrying in {} ms", status, wait);
            pause(wait);
            backoff *= 2;
        }
    }

    String requestBody(String text) {
        ObjectNode root = JSON.createObjectNode();
        root.putObject("comment").put("text", text);
        root.putArray("languages").add("en");
        root.putObject("requestedAttributes").putObject(config.attribute());
        root.put("doNotStore", true);
        return root.toString();
    }

    private double parseScore(String body) {
        try {
            JsonNode v =
                    JSON.readTree(body)
                            .path("attributeScores")
                            .path(config.attribute())
                            .path("summaryScore")
                            .path("value");
            if (!v.isNumber()) {
                throw new IllegalStateException(
                        "Perspective response lacks " + config.attribute() + " summaryScore");
            }
            return v.asDouble();
        } catch (IOException e) {
            throw new IllegalStateException("Perspective sent invalid JSON: " + brief(body));
        }
    }

    /** Spaces requests at least 1/rate apart (shared by all callers of this instance). */
    private void awaitSlot() {
        long wait;
        synchronized (this) {
            long now = System.nanoTime();
            long interval = (long) (1e9 / config.requestsPerSecond());
            long slot = Math.max(now, nextSlotNanos);
            nextSlotNanos = slot + interval;
            wait = slot - now;
        }
        if (wait > 0) {
            pause(wait / 1_000_000);
        }
    }

    private void pause(long millis) {
        if (millis <= 0) {
            return;
        }
        try {
            sleeper.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for Perspective");
        }
    }

    private static long parseRetryAfter(String v) {
        try {
            return (long) (Double.parseDouble(v.trim()) * 1000);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static String brief(String s) {
        if (s == null) {
            return "";
        }
        s = s.replaceAll("\\s+", " ");
        return s.length() > 200 ? s.substring(0, 200) + "..." : s;
    }
}
