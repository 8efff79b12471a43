package org.heirloom.score.toxicity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Perspective client against a loopback server that imitates comments:analyze. */
class PerspectiveToxicityTest {

    static final String KEY = "test-key-123";
    HttpServer server;
    final List<Integer> script = Collections.synchronizedList(new ArrayList<>());
    final List<String> seenTexts = Collections.synchronizedList(new ArrayList<>());
    final List<String> seenUris = Collections.synchronizedList(new ArrayList<>());
    final AtomicInteger requests = new AtomicInteger();
    URI endpoint;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/v1alpha1/comments:analyze", this::handle);
        server.start();
        endpoint =
                URI.create(
                        "http://127.0.0.1:"
                                + server.getAddress().getPort()
                                + "/v1alpha1/comments:analyze");
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private void handle(HttpExchange ex) throws IOException {
        requests.incrementAndGet();
        seenUris.add(ex.getRequestURI().toString());
        int status = script.isEmpty() ? 200 : script.remove(0);
        String body;
        if (!KEY.equals(ex.getRequestHeaders().getFirst("X-Goog-Api-Key"))) {
            status = 403;
        }
        if (status == 200) {
            JsonNode req = new ObjectMapper().readTree(ex.getRequestBody());
            String text = req.path("comment").path("text").asText();
            seenTexts.add(text);
            String attr = req.path("requestedAttributes").fieldNames().next();
            double score = text.length() / 100.0;
            body =
                    "{\"attributeScores\":{\""
                            + attr
                            + "\":{\"summaryScore\":{\"value\":"
                            + score
                            + ",\"type\":\"PROBABILITY\"}}},\"languages\":[\"en\"]}";
        } else {
            body = "{\"error\":{\"code\":" + status + "}}";
            if (status == 429) {
                ex.getResponseHeaders().add("Retry-After", "1");
            }
        }
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        ex.sendResponseHeaders(status, b.length);
        ex.getResponseBody().write(b);
        ex.close();
    }

    private PerspectiveToxicity client(double rate, List<Long> sleeps, String key) {
        PerspectiveToxicity.Config c =
                new PerspectiveToxicity.Config(
                        endpoint,
                        key,
                        "TOXICITY",
                        rate,
                        3,
                        Duration.ofMillis(100),
                        Duration.ofSeconds(5));
        return new PerspectiveToxicity(c, sleeps::add);
    }

    @Test
    void scoresTextsAndKeepsTheKeyOutOfUrlsAndIds() {
        List<Long> sleeps = new ArrayList<>();
        try (ToxicityMetric m = new ToxicityMetric(client(1000, sleeps, KEY))) {
            double[] s = m.score(List.of("hello", "a longer text here"));
            assertEquals(0.05, s[0], 1e-12);
            assertEquals(0.18, s[1], 1e-12);
            assertEquals(List.of("hello", "a longer text here"), seenTexts);
            for (String u : seenUris) {
                assertFalse(u.contains(KEY), u);
            }
            assertFalse(m.id().paramsJson().contains(KEY));
            assertEquals("perspective", m.id().params().get("backend"));
            assertEquals("TOXICITY", m.id().params().get("attribute"));
        }
    }

    @Test
    void retriesWithBackoffThenSucceeds() {
        script.addAll(List.of(429, 503, 500));
        List<Long> sleeps = new ArrayList<>();
        PerspectiveToxicity p = client(1000, sleeps, KEY);
        assertEquals(0.04, p.score("abcd"), 1e-12);
        assertEquals(4, requests.get());
        // Backoff 100, 200, 400 ms; the 429 asked for 1 s (Retry-After) which wins over 100.
        List<Long> backoffs = sleeps.stream().filter(x -> x >= 50).toList();
        assertEquals(List.of(1000L, 200L, 400L), backoffs);
    }

    @Test
    void givesUpAfterMaxRetries() {
        script.addAll(List.of(503, 503, 503, 503, 503));
        PerspectiveToxicity p = client(1000, new ArrayList<>(), KEY);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> p.score("x"));
        assertTrue(e.getMessage().contains("HTTP 503"), e.getMessage());
        assertEquals(4, requests.get()); // 1 + 3 retries
    }

    @Test
    void rejectedKeyStopsAndUnscorableTextIsNaN() {
        PerspectiveToxicity bad = client(1000, new ArrayList<>(), "wrong");
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> bad.score("x"));
        assertFalse(e.getMessage().contains("wrong"));
        script.add(400);
        assertTrue(Double.isNaN(client(1000, new ArrayList<>(), KEY).score("x")));
    }

    @Test
    void rateLimitSpacesRequests() {
        List<Long> sleeps = new ArrayList<>();
        PerspectiveToxicity p = client(2, sleeps, KEY); // 2 per second: 500 ms apart
        p.score(List.of("a", "b", "c"));
        // The fake sleeper does not wait, so the second and third requests are due 500 and 1000
        // ms after the first.
        assertEquals(2, sleeps.size());
        assertTrue(sleeps.get(0) > 400 && sleeps.get(0) <= 500, sleeps.toString());
        assertTrue(sleeps.get(1) > 900 && sleeps.get(1) <= 1000, sleeps.toString());
    }

    @Test
    void sessionKeyIsUsedWhenTheEnvironmentHasNone() {
        org.junit.jupiter.api.Assumptions.assumeTrue(
                System.getenv(PerspectiveToxicity.KEY_ENV) == null, "environment has a key");
        PerspectiveToxicity.setSessionKey(KEY);
        try {
            assertEquals(KEY, PerspectiveToxicity.Config.fromEnvironment().apiKey());
        } finally {
            PerspectiveToxicity.setSessionKey(null);
        }
        assertThrows(IllegalArgumentException.class, PerspectiveToxicity.Config::fromEnvironment);
    }

    @Test
    void missingKeyIsAClearError() {
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> PerspectiveToxicity.Config.defaults(null));
        assertTrue(e.getMessage().contains("PERSPECTIVE_API_KEY"));
        assertFalse(PerspectiveToxicity.Config.defaults(KEY).toString().contains(KEY));
    }
}
