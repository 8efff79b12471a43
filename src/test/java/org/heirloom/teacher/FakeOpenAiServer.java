package org.heirloom.teacher;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real HTTP server on 127.0.0.1 speaking the OpenAI completions and chat-completions protocol,
 * with faults injected by request number. Answers are a pure function of (prompt, seed, choice), so
 * a test can say exactly which text each candidate must have.
 */
public final class FakeOpenAiServer implements AutoCloseable {

    public enum Fault {
        HTTP_500,
        RATE_LIMIT,
        STALL,
        TRUNCATED
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final ExecutorService pool = Executors.newCachedThreadPool();
    private final Map<Integer, Fault> faults;
    private final boolean ignoreN;
    private final String requiredKey;
    private final long stallMillis;
    private final AtomicInteger requests = new AtomicInteger();
    public final List<String> served = new CopyOnWriteArrayList<>();
    public final List<Fault> injected = new CopyOnWriteArrayList<>();

    /** Milliseconds between a 429 and the retry of the same request body. */
    public final List<Long> retryAfterGaps = new CopyOnWriteArrayList<>();

    private final Map<String, Long> rateLimitedAt = new ConcurrentHashMap<>();

    public FakeOpenAiServer(
            Map<Integer, Fault> faults, boolean ignoreN, String requiredKey, long stallMillis)
            throws IOException {
        this.faults = faults;
        this.ignoreN = ignoreN;
        this.requiredKey = requiredKey;
        this.stallMillis = stallMillis;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(pool);
        server.createContext("/v1/completions", ex -> handle(ex, false));
        server.createContext("/v1/chat/completions", ex -> handle(ex, true));
        server.start();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public int requestCount() {
        return requests.get();
    }

    public static String answer(String prompt, long seed, int choice) {
        return "answer to [" + prompt + "] seed=" + seed + " choice=" + choice;
    }

    private void handle(HttpExchange ex, boolean chat) throws IOException {
        try {
            String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            int number = requests.incrementAndGet();
            Long limited = rateLimitedAt.remove(body);
            if (limited != null) {
                retryAfterGaps.add(System.currentTimeMillis() - limited);
            }
            if (requiredKey != null
                    && !("Bearer " + requiredKey)
                            .equals(ex.getRequestHeaders().getFirst("Authorization"))) {
                send(ex, 401, "{\"error\": {\"message\": \"invalid api key\"}}");
                return;
            }
            Fault f = faults.get(number);
            if (f != null) {
                injected.add(f);
                switch (f) {
                    case HTTP_500 -> {
                        send(ex, 500, "{\"error\": \"boom\"}");
                        return;
                    }
                    case RATE_LIMIT -> {
                        rateLimitedAt.put(body, System.currentTimeMillis());
                        ex.getResponseHeaders().add("Retry-After", "1");
                        send(ex, 429, "{\"error\": \"slow down\"}");
                        return;
                    }
                    case STALL -> {
                        Thread.sleep(stallMillis);
                        // The client has given up by now; writing may fail, which is fine.
                    }
                    default -> {}
                }
            }
            JsonNode req = JSON.readTree(body);
            JsonNode msgs = req.path("messages");
            String prompt =
                    chat
                            ? msgs.get(msgs.size() - 1).get("content").asText()
                            : req.get("prompt").asText();
            // Like a reasoning model behind vLLM: thinks unless the template is told not to.
            boolean thinks =
                    req.path("chat_template_kwargs").path("enable_thinking").asBoolean(true)
                            && msgs.size() > 1;
            int n = req.path("n").asInt(1);
            long seed = req.get("seed").asLong();
            int choices = ignoreN ? 1 : n;
            ObjectNode resp = JSON.createObjectNode();
            resp.put("id", "cmpl-" + number);
            resp.put("object", chat ? "chat.completion" : "text_completion");
            resp.put("model", req.get("model").asText());
            ArrayNode arr = resp.putArray("choices");
            for (int i = 0; i < choices; i++) {
                ObjectNode c = arr.addObject();
                c.put("index", i);
                if (chat) {
                    ObjectNode m =
                            c.putObject("message")
                                    .put("role", "assistant")
                                    .put("content", answer(prompt, seed, i));
                    if (thinks) {
                        m.put("reasoning_content", "thinking about " + prompt);
                    }
                } else {
                    c.put("text", answer(prompt, seed, i));
                }
                c.put("finish_reason", "stop");
            }
            resp.putObject("usage").put("completion_tokens", 7 * choices);
            String out = resp.toString();
            if (f == Fault.TRUNCATED) {
                send(ex, 200, out.substring(0, out.length() / 2));
                return;
            }
            if (f != Fault.STALL) {
                served.add(body);
            }
            send(ex, 200, out);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            // a client that timed out closed the connection
        } finally {
            ex.close();
        }
    }

    private static void send(HttpExchange ex, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", "application/json");
        ex.sendResponseHeaders(status, bytes.length);
        try (OutputStream os = ex.getResponseBody()) {
            os.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        pool.shutdownNow();
    }
}
