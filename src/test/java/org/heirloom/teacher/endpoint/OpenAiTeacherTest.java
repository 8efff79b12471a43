package org.heirloom.teacher.endpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.heirloom.job.JobContext;
import org.heirloom.project.Project;
import org.heirloom.project.candidate.CandidateRepository;
import org.heirloom.project.candidate.CandidateRow;
import org.heirloom.project.prompt.PromptInput;
import org.heirloom.project.prompt.PromptSetRepository;
import org.heirloom.project.prompt.StoredPrompt;
import org.heirloom.run.GenerationRunner;
import org.heirloom.run.RunResult;
import org.heirloom.run.RunSpec;
import org.heirloom.teacher.FakeOpenAiServer;
import org.heirloom.teacher.GenerationRequest;
import org.heirloom.teacher.SamplingParams;
import org.heirloom.teacher.TeacherEnvironment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The OpenAI-compatible teacher against a real loopback server that injects faults. */
class OpenAiTeacherTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String KEY = "sk-test-secret-4711";

    @TempDir Path dir;

    private static Map<Integer, FakeOpenAiServer.Fault> faults() {
        return Map.of(
                2, FakeOpenAiServer.Fault.HTTP_500,
                4, FakeOpenAiServer.Fault.RATE_LIMIT,
                6, FakeOpenAiServer.Fault.STALL,
                8, FakeOpenAiServer.Fault.TRUNCATED,
                10, FakeOpenAiServer.Fault.HTTP_500,
                12, FakeOpenAiServer.Fault.TRUNCATED,
                14, FakeOpenAiServer.Fault.STALL);
    }

    private Project projectWithPrompts(int n) {
        Project p = Project.create(dir.resolve("p.heirloom"), "p");
        List<PromptInput> prompts = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            prompts.add(PromptInput.of("Question " + i + "?"));
        }
        new PromptSetRepository(p).create("qs", "test", prompts);
        return p;
    }

    private static TeacherEnvironment env(Path dir) {
        return new TeacherEnvironment(dir, name -> name.equals("TEST_KEY") ? KEY : null);
    }

    @Test
    void chatRunSurvivesEveryFaultWithAllCandidatesAndNoDuplicates() throws Exception {
        try (FakeOpenAiServer server = new FakeOpenAiServer(faults(), false, KEY, 1500);
                Project p = projectWithPrompts(8)) {
            String spec =
                    "openai:"
                            + server.baseUrl()
                            + "#tiny-model;api=chat;concurrency=3;timeout=300ms;retries=6;backoff=20ms;key-env=TEST_KEY";
            RunSpec run =
                    new RunSpec(
                            "remote",
                            "qs",
                            null,
                            List.of(spec),
                            3,
                            new SamplingParams(0.8, 0.95, 0, 32, 1),
                            11);
            RunResult r = new GenerationRunner(p, env(dir)).run(run, JobContext.none());
            assertEquals(24, r.expected());
            assertEquals(24, r.generated());
            assertEquals(
                    Set.copyOf(List.of(FakeOpenAiServer.Fault.values())),
                    Set.copyOf(server.injected));
            assertEquals(7, server.injected.size(), "every scheduled fault was hit");
            assertEquals(1, server.retryAfterGaps.size());
            assertTrue(
                    server.retryAfterGaps.get(0) >= 950,
                    "Retry-After: 1 honoured, gap " + server.retryAfterGaps);

            List<CandidateRow> rows = new CandidateRepository(p).list(r.runId());
            assertEquals(24, rows.size());
            Map<Long, StoredPrompt> prompts = new java.util.HashMap<>();
            new PromptSetRepository(p).prompts(1).forEach(sp -> prompts.put(sp.id(), sp));
            Set<String> keys = new HashSet<>();
            Set<String> texts = new HashSet<>();
            for (CandidateRow c : rows) {
                assertTrue(keys.add(c.promptId() + "/" + c.index()), "duplicate candidate");
                texts.add(c.text());
                JsonNode prov = JSON.readTree(c.provenance());
                assertEquals("n", prov.get("k_mode").asText());
                assertEquals(3, prov.get("n").asInt());
                assertEquals(c.index(), prov.get("choice").asInt());
                // n choices of one request: the request carries the seed of candidate 0.
                String expected =
                        FakeOpenAiServer.answer(
                                prompts.get(c.promptId()).text(),
                                prov.get("request_seed").asLong(),
                                c.index());
                assertEquals(expected, c.text());
                assertEquals("stop", c.finishReason());
            }
            assertEquals(24, texts.size());
            // One successful request per prompt: n served them all.
            assertEquals(8, server.served.size());
        }
        byte[] file = Files.readAllBytes(dir.resolve("p.heirloom"));
        assertFalse(
                new String(file, StandardCharsets.ISO_8859_1).contains(KEY),
                "the API key is never stored in the project");
        // Nor in what is sent to a colleague (export for sharing, with and without weights).
        try (Project p = Project.open(dir.resolve("p.heirloom"), Project.Mode.READ_ONLY)) {
            for (boolean weights : new boolean[] {true, false}) {
                Path shared = dir.resolve("shared-" + weights + ".heirloom");
                p.exportForSharing(shared, weights);
                String exported =
                        new String(Files.readAllBytes(shared), StandardCharsets.ISO_8859_1);
                assertFalse(exported.contains(KEY), "the API key is never exported");
                assertTrue(exported.contains("openai:"), "the endpoint spec itself is shared");
            }
        }
    }

    @Test
    void serverIgnoringNIsAskedOncePerSeed() throws Exception {
        try (FakeOpenAiServer server = new FakeOpenAiServer(faults(), true, null, 1000);
                Project p = projectWithPrompts(5)) {
            String spec =
                    "openai:"
                            + server.baseUrl()
                            + "/v1#base;api=completions;concurrency=2;timeout=300ms;backoff=10ms";
            RunSpec run =
                    new RunSpec(
                            "remote",
                            "qs",
                            null,
                            List.of(spec),
                            4,
                            new SamplingParams(1, 1, 0, 16, 1),
                            3);
            RunResult r = new GenerationRunner(p, env(dir)).run(run, JobContext.none());
            assertEquals(20, r.generated());
            Map<Long, StoredPrompt> prompts = new java.util.HashMap<>();
            new PromptSetRepository(p).prompts(1).forEach(sp -> prompts.put(sp.id(), sp));
            int seedMode = 0;
            Set<Long> seeds = new HashSet<>();
            for (CandidateRow c : new CandidateRepository(p).list(r.runId())) {
                // Whichever way it was asked, the text is the server's choice 0 for the
                // candidate's own seed: per-seed requests reproduce the candidate.
                assertEquals(
                        FakeOpenAiServer.answer(prompts.get(c.promptId()).text(), c.seed(), 0),
                        c.text());
                JsonNode prov = JSON.readTree(c.provenance());
                if (prov.get("k_mode").asText().equals("seed")) {
                    seedMode++;
                    assertEquals(c.seed(), prov.get("request_seed").asLong());
                } else {
                    assertEquals(0, c.index(), "only choice 0 of an n request is kept");
                }
                seeds.add(c.seed());
            }
            assertEquals(20, seeds.size(), "distinct seeds per candidate");
            assertTrue(seedMode >= 15, "after the first n request, per-seed requests: " + seedMode);
            String prov =
                    new org.heirloom.project.run.RunRepository(p)
                            .teachers(r.runId())
                            .get(0)
                            .provenance();
            assertTrue(JSON.readTree(prov).get("server_ignores_n").asBoolean(), prov);
        }
    }

    @Test
    void unauthorisedFailsAtOnceNamingTheKeyVariable() throws Exception {
        try (FakeOpenAiServer server = new FakeOpenAiServer(Map.of(), false, KEY, 0);
                Project p = projectWithPrompts(2)) {
            String spec = "openai:" + server.baseUrl() + "#m;key-env=MISSING_KEY;retries=5";
            RunSpec run =
                    new RunSpec(
                            "remote",
                            "qs",
                            null,
                            List.of(spec),
                            2,
                            new SamplingParams(1, 1, 0, 16, 1),
                            3);
            Exception e =
                    assertThrows(
                            java.io.IOException.class,
                            () -> new GenerationRunner(p, env(dir)).run(run, JobContext.none()));
            assertTrue(e.getMessage().contains("HTTP 401"), e.getMessage());
            assertTrue(e.getMessage().contains("$MISSING_KEY"), e.getMessage());
            assertTrue(server.requestCount() <= 2, "no retries on 401: " + server.requestCount());
            assertEquals(
                    "failed",
                    new org.heirloom.project.run.RunRepository(p).require("remote").status());
        }
    }

    @Test
    void giveUpAfterRetriesWithTheLastProblem() throws Exception {
        Map<Integer, FakeOpenAiServer.Fault> all = new java.util.HashMap<>();
        for (int i = 1; i <= 10; i++) {
            all.put(i, FakeOpenAiServer.Fault.HTTP_500);
        }
        try (FakeOpenAiServer server = new FakeOpenAiServer(all, false, null, 0)) {
            OpenAiTeacher t =
                    new OpenAiTeacher(
                            OpenAiConfig.parse(server.baseUrl() + "#m;retries=2;backoff=1ms"),
                            null);
            Exception e =
                    assertThrows(
                            java.io.IOException.class,
                            () ->
                                    t.generate(
                                            new GenerationRequest(
                                                    "hi",
                                                    SamplingParams.greedy(4),
                                                    List.of(0),
                                                    List.of(1L)),
                                            JobContext.none()));
            assertTrue(
                    e.getMessage().contains("gave up after 3 attempts: HTTP 500"), e.getMessage());
            assertEquals(3, server.requestCount());
        }
    }

    @Test
    void configParsingAndIdentity() {
        OpenAiConfig c =
                OpenAiConfig.parse(
                        "http://h:8000/v1/#llama;api=completions;concurrency=8;timeout=2.5");
        assertEquals("http://h:8000/v1/completions", c.endpoint().toString());
        assertEquals(Duration.ofMillis(2500), c.timeout());
        assertEquals(8, c.concurrency());
        assertEquals("openai:http://h:8000/v1/#llama;api=completions", c.identity());
        assertEquals(
                "http://h:8000/v1/chat/completions",
                OpenAiConfig.parse("http://h:8000#llama").endpoint().toString());
        assertEquals(
                OpenAiConfig.parse("http://h:8000#m;concurrency=1;retries=0").identity(),
                OpenAiConfig.parse("http://h:8000#m;timeout=9s").identity(),
                "operational options do not change a run's identity");
        assertThrows(IllegalArgumentException.class, () -> OpenAiConfig.parse("http://h:8000"));
        assertThrows(IllegalArgumentException.class, () -> OpenAiConfig.parse("ftp://h#m"));
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> OpenAiConfig.parse("http://h#m;colour=red"));
        assertTrue(e.getMessage().contains("unknown option 'colour'"), e.getMessage());
        assertEquals(Duration.ofSeconds(3), EndpointCalls.retryAfter("3"));
    }

    @Test
    void systemPromptAndTemplateKwargsReachTheServerAndReasoningIsKeptApart() throws Exception {
        try (FakeOpenAiServer server = new FakeOpenAiServer(Map.of(), false, null, 0);
                Project p = projectWithPrompts(2)) {
            String base = "openai:" + server.baseUrl() + "#m;system=Be brief%3B think.";
            RunSpec thinking =
                    new RunSpec(
                            "thinking",
                            "qs",
                            null,
                            List.of(base),
                            2,
                            new SamplingParams(1, 1, 0, 16, 1),
                            3);
            RunResult r = new GenerationRunner(p, env(dir)).run(thinking, JobContext.none());
            assertEquals(4, r.generated());
            JsonNode req = JSON.readTree(server.served.get(0));
            assertEquals("system", req.at("/messages/0/role").asText());
            assertEquals("Be brief; think.", req.at("/messages/0/content").asText());
            assertTrue(req.path("chat_template_kwargs").isMissingNode(), req.toString());
            for (CandidateRow c : new CandidateRepository(p).list(r.runId())) {
                assertTrue(c.reasoning().startsWith("thinking about Question "), c.reasoning());
                assertFalse(c.text().contains("thinking"), c.text());
            }

            RunSpec plain =
                    new RunSpec(
                            "plain",
                            "qs",
                            null,
                            List.of(base + ";kwarg.enable_thinking=false"),
                            2,
                            new SamplingParams(1, 1, 0, 16, 1),
                            3);
            int before = server.served.size();
            r = new GenerationRunner(p, env(dir)).run(plain, JobContext.none());
            req = JSON.readTree(server.served.get(before));
            assertEquals("{\"enable_thinking\":false}", req.get("chat_template_kwargs").toString());
            for (CandidateRow c : new CandidateRepository(p).list(r.runId())) {
                assertNull(c.reasoning());
            }
        }
        assertEquals(
                "openai:http://h:8000#m;api=chat;system=a%3Bb;kwarg.enable_thinking=false",
                OpenAiConfig.parse("http://h:8000#m;kwarg.enable_thinking=false;system=a%3Bb")
                        .identity());
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> OpenAiConfig.parse("http://h#m;api=completions;system=x"));
        assertTrue(e.getMessage().contains("need api=chat"), e.getMessage());
    }
}
