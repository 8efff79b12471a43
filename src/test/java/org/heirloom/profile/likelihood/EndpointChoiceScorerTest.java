package org.heirloom.profile.likelihood;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.heirloom.cli.CliTestAccess;
import org.heirloom.model.Fixtures;
import org.heirloom.model.LocalModel;
import org.junit.jupiter.api.Test;

/**
 * The likelihood scores through a loopback fake OpenAI-compatible server, whose echoed log-probs
 * come from a small local model, equal the local scorer's on the same model within 1e-6.
 */
class EndpointChoiceScorerTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * A completions endpoint as vLLM answers {@code echo + logprobs + max_tokens 0}: every prompt
     * token (BOS included, its log-prob null) with its log-prob under the model and its text offset
     * (the length of the decoded text before it).
     */
    private static HttpServer fakeServer(LocalModel model, AtomicInteger failFirst)
            throws Exception {
        HttpServer server =
                HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext(
                "/v1/completions",
                ex -> {
                    byte[] out;
                    int status = 200;
                    if (failFirst.getAndDecrement() > 0) {
                        status = 503;
                        out = "{\"error\": \"busy\"}".getBytes(StandardCharsets.UTF_8);
                    } else {
                        JsonNode req = JSON.readTree(ex.getRequestBody());
                        assertTrue(req.get("echo").asBoolean());
                        assertEquals(0, req.get("max_tokens").asInt());
                        String prompt = req.get("prompt").asText();
                        long[] ids = model.tokenizer().encode(prompt);
                        double[] lp =
                                model.likelihood()
                                        .tokenLogprobs(
                                                List.of(new long[] {ids[0]}),
                                                List.of(Arrays.copyOfRange(ids, 1, ids.length)),
                                                1)
                                        .get(0);
                        ObjectNode logprobs = JSON.createObjectNode();
                        ArrayNode tlp = logprobs.putArray("token_logprobs");
                        ArrayNode off = logprobs.putArray("text_offset");
                        tlp.addNull();
                        off.add(0);
                        for (int i = 1; i < ids.length; i++) {
                            tlp.add(lp[i - 1]);
                            off.add(
                                    model.tokenizer()
                                            .decode(Arrays.copyOfRange(ids, 0, i))
                                            .length());
                        }
                        ObjectNode body = JSON.createObjectNode();
                        body.putArray("choices")
                                .addObject()
                                .put("text", prompt)
                                .set("logprobs", logprobs);
                        out = body.toString().getBytes(StandardCharsets.UTF_8);
                    }
                    ex.getResponseHeaders().add("Content-Type", "application/json");
                    ex.sendResponseHeaders(status, out.length);
                    ex.getResponseBody().write(out);
                    ex.close();
                });
        server.start();
        return server;
    }

    @Test
    void endpointScoresEqualLocalScoresWithinOneMillionth() throws Exception {
        try (LocalModel model = LocalModel.load(Fixtures.model("tiny-llama"))) {
            AtomicInteger failFirst = new AtomicInteger(1); // one 503 first: retried
            HttpServer server = fakeServer(model, failFirst);
            try {
                String url = "http://127.0.0.1:" + server.getAddress().getPort();
                ChoiceScorer endpoint = new EndpointChoiceScorer(url, "tiny", null);
                // Batch 1, as the fake server computes: in float32, padding a batch alone moves
                // a mean log-prob by ~2e-6 on this model, more than the tolerance under test.
                ChoiceScorer local = new ModelChoiceScorer(model, 1);
                String context = "Question: Where did the girl play? Answer:";
                List<String> options = List.of(" in the park", " at home", " with a big red ball");
                double[] e = endpoint.meanLogProbs(context, options);
                double[] l = local.meanLogProbs(context, options);
                for (int i = 0; i < e.length; i++) {
                    assertEquals(l[i], e[i], 1e-6, options.get(i));
                }
                for (String s :
                        List.of("The man was a nurse.", "Once upon a time there was a cat.")) {
                    assertEquals(local.meanLogProb(s), endpoint.meanLogProb(s), 1e-6, s);
                }
                assertTrue(failFirst.get() < 0, "the 503 was retried");
            } finally {
                server.stop(0);
            }
        }
    }

    @Test
    void calibrationSuiteRunsThroughAnEndpointAsLocally(@org.junit.jupiter.api.io.TempDir Path dir)
            throws Exception {
        Path base = Fixtures.model("tiny-llama");
        Path project = dir.resolve("p.heirloom");
        assertEquals(0, CliTestAccess.run("new", project.toString()).code());
        Path mc = dir.resolve("mc.jsonl");
        Files.writeString(
                mc,
                "{\"context\": \"Once upon a time, there was a little\", \"options\": [\" girl\","
                        + " \" rock\"], \"label\": 0}\n"
                        + "{\"context\": \"She went to the\", \"options\": [\" park\", \" xq\"],"
                        + " \"label\": 1}\n");
        CliTestAccess.Result local =
                CliTestAccess.run(
                        "profile",
                        project.toString(),
                        "--model",
                        base.toString(),
                        "--suite",
                        "calibration",
                        "--data",
                        mc.toString(),
                        "--likelihood",
                        "clean");
        assertEquals(0, local.code(), local.err());
        try (LocalModel model = LocalModel.load(base)) {
            HttpServer server = fakeServer(model, new AtomicInteger(0));
            try {
                String spec = "openai:http://127.0.0.1:" + server.getAddress().getPort() + "#tiny";
                // The toolkit's convention (the default) needs p(BOS|BOS): refused in one line.
                CliTestAccess.Result toolkit =
                        CliTestAccess.run(
                                "profile",
                                project.toString(),
                                "--model",
                                spec,
                                "--suite",
                                "calibration",
                                "--data",
                                mc.toString());
                assertEquals(1, toolkit.code());
                assertTrue(toolkit.err().contains("only with --likelihood clean"), toolkit.err());
                CliTestAccess.Result remote =
                        CliTestAccess.run(
                                "profile",
                                project.toString(),
                                "--model",
                                spec,
                                "--suite",
                                "calibration",
                                "--data",
                                mc.toString(),
                                "--likelihood",
                                "clean");
                assertEquals(0, remote.code(), remote.err());
                JsonNode l = JSON.readTree(local.out());
                JsonNode r = JSON.readTree(remote.out());
                assertEquals(l.get("items").asInt(), r.get("items").asInt());
                assertEquals(l.get("accuracy").asDouble(), r.get("accuracy").asDouble());
                assertEquals(l.get("ece_10").asDouble(), r.get("ece_10").asDouble(), 1e-5);
            } finally {
                server.stop(0);
            }
        }
    }

    @Test
    void aRefusingEndpointIsOneLine() throws Exception {
        HttpServer server =
                HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext(
                "/v1/completions",
                ex -> {
                    ex.sendResponseHeaders(400, -1);
                    ex.close();
                });
        server.start();
        try {
            String url = "http://127.0.0.1:" + server.getAddress().getPort();
            java.io.UncheckedIOException x =
                    assertThrows(
                            java.io.UncheckedIOException.class,
                            () ->
                                    new EndpointChoiceScorer(url, "m", null)
                                            .meanLogProb("Hello there"));
            // The teachers' message: the endpoint and the status, never the body; not retried.
            assertEquals(
                    url + "/v1/completions: HTTP 400 (request refused)", x.getCause().getMessage());
        } finally {
            server.stop(0);
        }
    }
}
