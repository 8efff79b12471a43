package org.heirloom.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.heirloom.model.Fixtures;
import org.heirloom.project.Project;
import org.heirloom.project.profile.ProfileRepository;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every suite end to end through the CLI on real small models, then a comparison. */
class ProfileCliTest {

    @TempDir Path dir;

    private static JsonNode json(String s) throws Exception {
        return new ObjectMapper().readTree(s);
    }

    @Test
    void suitesRunResumeAndCompare() throws Exception {
        Path stories = Fixtures.model("stories260k");
        Path tiny = Fixtures.model("tiny-llama");
        Path shared = stories.getParent().getParent();
        Path project = dir.resolve("p.heirloom");
        assertEquals(0, CliTest.run("new", project.toString()).code());
        Path prompts = dir.resolve("prompts.txt");
        Files.writeString(prompts, "Tell me a story\nWhat is a cat\nWhy is the sky blue\n");

        String[] text = {
            "profile",
            project.toString(),
            "--model",
            stories.toString(),
            "--suite",
            "text",
            "--data",
            prompts.toString(),
            "-n",
            "2",
            "--max-new-tokens",
            "30",
            "--template",
            "raw"
        };
        CliTest.Result r = CliTest.run(text);
        assertEquals(0, r.code(), r.err());
        JsonNode summary = json(r.out());
        double words = summary.get("metrics").get("words").get("mean").asDouble();
        assertTrue(words > 0 && words < 40, "30 new tokens make a few words: " + words);
        assertTrue(
                summary.get("warning").asText().contains("MTLD is unstable"),
                "short texts are flagged");
        // Resuming generates nothing new and reproduces the summary.
        CliTest.Result again = CliTest.run(text);
        assertEquals(0, again.code(), again.err());
        assertEquals(
                summary.get("metrics").get("words").get("mean").asDouble(),
                json(again.out()).get("metrics").get("words").get("mean").asDouble());
        try (Project p = Project.open(project, Project.Mode.READ_ONLY)) {
            ProfileRepository repo = new ProfileRepository(p);
            assertEquals(1, repo.list().size());
            assertEquals(
                    6,
                    repo.items(repo.list().get(0).id()).size(),
                    "3 prompts × 2 samples, no duplicates");
        }

        CliTest.Result tox =
                CliTest.run(
                        "profile",
                        project.toString(),
                        "--model",
                        stories.getFileName().toString(),
                        "--suite",
                        "toxicity",
                        "--data",
                        shared.resolve("datasets/rtp/rtp_toxic_test_set.jsonl").toString(),
                        "--limit",
                        "3",
                        "-n",
                        "4");
        assertEquals(0, tox.code(), tox.err());
        JsonNode t = json(tox.out());
        assertEquals(3, t.get("prompts").asInt());
        assertEquals(12, t.get("samples").asInt());
        assertTrue(t.get("emt").asDouble() >= 0 && t.get("emt").asDouble() <= 1);

        Path mc = dir.resolve("mc.jsonl");
        Files.writeString(
                mc,
                "{\"context\": \"Once upon a time, there was a little\", \"options\": [\" girl\", \" rock\"], \"label\": 0}\n"
                        + "{\"context\": \"She went to the\", \"options\": [\" park\", \" xq\"], \"label\": 0}\n");
        CliTest.Result cal =
                CliTest.run(
                        "profile",
                        project.toString(),
                        "--model",
                        "stories260k",
                        "--suite",
                        "calibration",
                        "--data",
                        mc.toString());
        assertEquals(0, cal.code(), cal.err());
        assertEquals(
                1.0,
                json(cal.out()).get("accuracy").asDouble(),
                "a TinyStories model prefers 'girl' and 'park'");

        CliTest.Result crows =
                CliTest.run(
                        "profile",
                        project.toString(),
                        "--model",
                        "stories260k",
                        "--suite",
                        "crows",
                        "--data",
                        shared.resolve("datasets/crows/crows_pairs_anonymized.csv").toString(),
                        "--limit",
                        "12");
        assertEquals(0, crows.code(), crows.err());
        assertEquals(12, json(crows.out()).get("pairs").asInt());

        CliTest.Result bbq =
                CliTest.run(
                        "profile",
                        project.toString(),
                        "--model",
                        "stories260k",
                        "--suite",
                        "bbq",
                        "--data",
                        shared.resolve("datasets/bbq").toString(),
                        "--limit",
                        "8");
        // stories260k answers "unknown" to every ambiguous question under the toolkit's prompt:
        // s_AMB is undefined there, which is one clear line, not a score of 0.
        assertEquals(1, bbq.code(), bbq.err());
        assertTrue(
                bbq.err()
                        .endsWith(
                                "heirloom: BBQ Age: every ambiguous answer is 'unknown', so its"
                                        + " bias score (biased / non-unknown answers) is"
                                        + " undefined\n"),
                bbq.err());

        CliTest.Result other =
                CliTest.run(
                        "profile",
                        project.toString(),
                        "--model",
                        tiny.toString(),
                        "--suite",
                        "text",
                        "--data",
                        prompts.toString(),
                        "-n",
                        "2",
                        "--max-new-tokens",
                        "30",
                        "--template",
                        "raw");
        assertEquals(0, other.code(), other.err());
        CliTest.Result cmp =
                CliTest.run(
                        "compare",
                        project.toString(),
                        "--models",
                        "stories260k,tiny-llama",
                        "--suite",
                        "text",
                        "--json");
        assertEquals(0, cmp.code(), cmp.err());
        JsonNode c = json(cmp.out());
        JsonNode wordsAttr = null;
        for (JsonNode a : c.get("attributes")) {
            if (a.get("name").asText().equals("words")) {
                wordsAttr = a;
            }
        }
        JsonNode versus = wordsAttr.get("versusBaseline").get("tiny-llama");
        assertEquals(3, versus.get("units").asInt());
        assertEquals(
                versus.get("meanB").asDouble() - versus.get("meanA").asDouble(),
                versus.get("difference").get("value").asDouble(),
                1e-9);
        CliTest.Result arms =
                CliTest.run(
                        "compare",
                        project.toString(),
                        "--models",
                        "teacher=stories260k,other=tiny-llama",
                        "--suite",
                        "text",
                        "--json");
        assertEquals(0, arms.code(), arms.err());
        assertEquals(
                "teacher",
                json(arms.out()).get("arms").get(0).asText(),
                "LABEL=MODEL names an arm");
        CliTest.Result human =
                CliTest.run(
                        "compare",
                        project.toString(),
                        "--models",
                        "stories260k,tiny-llama",
                        "--suite",
                        "text");
        assertTrue(human.out().contains("words"), human.out());
        CliTest.Result judged =
                CliTest.run(
                        "profile",
                        project.toString(),
                        "--model",
                        "stories260k",
                        "--suite",
                        "judge",
                        "--versus",
                        "tiny-llama",
                        "--judge",
                        "stories260k");
        assertEquals(0, judged.code(), judged.err());
        JsonNode j = json(judged.out());
        assertEquals(3, j.get("prompts").asInt());
        assertEquals(
                1.0,
                j.get("win").get("rate").asDouble()
                        + j.get("tie").get("rate").asDouble()
                        + j.get("loss").get("rate").asDouble(),
                1e-9);
        CliTest.Result missing =
                CliTest.run(
                        "compare",
                        project.toString(),
                        "--models",
                        "stories260k,tiny-llama",
                        "--suite",
                        "crows");
        assertEquals(1, missing.code());
        assertTrue(
                missing.err().contains("'tiny-llama' has no complete crows profile"),
                missing.err());
    }
}
