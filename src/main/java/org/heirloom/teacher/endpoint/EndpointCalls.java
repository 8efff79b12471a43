package org.heirloom.teacher.endpoint;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.heirloom.job.JobContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * JSON POSTs to an OpenAI-compatible server with one retry policy for every caller (teachers,
 * likelihood scoring): HTTP 429, 408 and 5xx, timeouts, dropped connections and unusable bodies are
 * retried with exponential backoff and jitter, honouring {@code Retry-After}; other statuses fail
 * at once. Messages name the endpoint and the reason, never a response body or the key.
 */
public final class EndpointCalls {

    private static final Logger LOG = LoggerFactory.getLogger(EndpointCalls.class);

    /** Turns a 200 body into a result; an IOException means "unusable, retry". */
    public interface BodyReader<T> {
        T read(String body) throws IOException;
    }

    private final OpenAiConfig config;
    private final String apiKey;
    private final HttpClient client;
    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong retried = new AtomicLong();

    /**
     * @param config timeout, retries, backoff and the key's environment variable (for messages)
     * @param apiKey the key sent as a bearer token, or {@code null} (local servers need none)
     */
    public EndpointCalls(OpenAiConfig config, String apiKey) {
        this.config = config;
        this.apiKey = apiKey == null || apiKey.isBlank() ? null : apiKey;
        this.client =
                HttpClient.newBuilder()
                        .version(HttpClient.Version.HTTP_1_1)
                        .connectTimeout(config.timeout())
                        .build();
    }

    /** Requests sent so far, retries included. */
    public long requests() {
        return requests.get();
    }

    /** Requests that were retries. */
    public long retried() {
        return retried.get();
    }

    /** POSTs {@code payload} to {@code endpoint}, retrying transient failures. */
    public <T> T post(URI endpoint, String payload, JobContext context, BodyReader<T> reader)
            throws IOException, InterruptedException {
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
                        return reader.read(r.body());
                    } catch (IOException | RuntimeException e) {
                        lastProblem = "unusable response (" + e.getMessage() + ")";
                    }
                } else if (status == 429 || status == 408 || status >= 500) {
                    lastProblem = "HTTP " + status;
                    retryAfter =
                            r.headers()
                                    .firstValue("Retry-After")
                                    .map(EndpointCalls::retryAfter)
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

    private static void sleep(Duration wait, JobContext context) throws InterruptedException {
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
        if (text == null || apiKey == null) {
            return text;
        }
        return text.replace(apiKey, "[key]");
    }

    private static String stripUserInfo(String url) {
        return url.replaceFirst("^([a-zA-Z][a-zA-Z0-9+.-]*://)[^/@]*@", "$1");
    }
}
