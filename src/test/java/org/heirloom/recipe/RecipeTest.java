package org.heirloom.recipe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.heirloom.job.JobContext;
import org.heirloom.project.Project;
import org.heirloom.project.candidate.CandidateRepository;
import org.heirloom.project.run.RecipeRepository;
import org.heirloom.project.run.RunRepository;
import org.heirloom.teacher.TeacherEnvironment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecipeTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir Path dir;

    private static final String VALID =
            """
            version: 1
            name: t
            prompts: {set: s}
            run: {name: r, k: 2}
            teachers:
              - spec: import:c.jsonl
            selections:
              - {name: best, strategy: "max:words"}
            exports:
              - {type: dataset, selection: best, out: o.jsonl}
            """;

    private Recipe parse(String yaml) {
        return RecipeAsserts.parse(yaml, dir);
    }

    private void assertError(String yaml, String expected) {
        RecipeAsserts.assertError(yaml, dir, expected);
    }

    @Test
    void validRecipeWithDefaults() {
        Recipe r = parse(VALID);
        assertEquals("t", r.name());
        assertEquals(2, r.generation().k());
        assertEquals(1.0, r.generation().sampling().temperature());
        assertEquals(256, r.generation().sampling().maxNewTokens());
        assertEquals(List.of("import:c.jsonl"), r.teachers());
        assertEquals("jsonl", r.exports().get(0).format());
    }

    @Test
    void teacherSystemPromptAndTemplateKwargsBecomeSpecOptions() {
        String m = Path.of("assets/models/teacher").toAbsolutePath().toString();
        String yaml =
                VALID.replace(
                        "  - spec: import:c.jsonl",
                        "  - spec: local:"
                                + m
                                + ";template=chat\n    system: \"Be brief; be kind.\"\n"
                                + "    template_kwargs: {enable_thinking: false, mode: fast}");
        assertEquals(
                List.of(
                        "local:"
                                + m
                                + ";template=chat;system=Be brief%3B be kind."
                                + ";kwarg.enable_thinking=false;kwarg.mode=fast"),
                parse(yaml).teachers());
        assertError(
                VALID.replace(
                        "  - spec: import:c.jsonl",
                        "  - spec: local:" + m + "\n    template_kwargs: {enable_thinking: false}"),
                "r.yaml: teachers[0].spec: teacher spec 'local:"
                        + m
                        + ";kwarg.enable_thinking=false': system and kwarg.NAME options need"
                        + " template=chat");
    }

    @Test
    void teacherSpecKeepsATemplatesTrailingSpace() {
        // A real model folder (the bundled sample teacher): the parser checks the weights.
        String m = Path.of("assets/models/teacher").toAbsolutePath().toString();
        String yaml =
                VALID.replace(
                        "  - spec: import:c.jsonl",
                        "  - spec: \"local:"
                                + m
                                + ";template=Q: {prompt}\\nA: \"\n    name: teacher");
        // The model must see "A: " exactly as it was trained on: a stripped space changes the
        // tokens it continues from.
        assertEquals(List.of("local:" + m + ";template=Q: {prompt}\nA: "), parse(yaml).teachers());
    }

    @Test
    void errorsNameTheYamlPath() {
        assertError(
                VALID.replace(
                        "  - spec: import:c.jsonl", "  - spec: import:c.jsonl\n  - spec: remote:x"),
                "r.yaml: teachers[1].spec: teacher spec 'remote:x': unknown scheme 'remote'");
        assertError(
                VALID.replace(
                        "  - spec: import:c.jsonl",
                        "  - import:c.jsonl\n  - openai:http://h#m;colour=red"),
                "r.yaml: teachers[1]: teacher spec 'openai:http://h#m;colour=red': unknown option 'colour'");
        assertError(VALID.replace("k: 2", "k: 0"), "r.yaml: run.k: must be >= 1, got 0");
        assertError(VALID.replace("k: 2", "k: two"), "r.yaml: run.k: expected a whole number");
        assertError(
                VALID.replace("version: 1", "version: 2"),
                "r.yaml: version: unsupported recipe version 2");
        assertError(
                VALID.replace("max:words", "max:words +"),
                "r.yaml: selections[0].strategy: strategy 'max:words +'");
        assertError(
                VALID.replace("name: t", "name: t\nteacher: x"), "r.yaml: teacher: unknown key");
        assertError(
                VALID.replace("{name: r, k: 2}", "{name: r, k: 2, sampling: {temprature: 1}}"),
                "r.yaml: run.sampling.temprature: unknown key");
        assertError(
                VALID.replace("{name: r, k: 2}", "{name: r, k: 2, sampling: {top_p: 2}}"),
                "r.yaml: run.sampling: top-p must be in (0, 1]");
        assertError(
                VALID.replace("selection: best,", "selection: worst,"),
                "r.yaml: exports[0].selection: no selection named 'worst'");
        assertError(
                VALID.replace("type: dataset", "type: model"),
                "r.yaml: exports[0].type: expected dataset or candidates");
        assertError(
                VALID + "training: []\n",
                "r.yaml: training: reserved for a later version; students are trained in 'students:'");
        assertError(
                VALID.replace("prompts: {set: s}", "prompts: {set: s, field: x}"),
                "r.yaml: prompts.field: only used together with prompts.import");
        assertError("version: 1\n  bad: [", "r.yaml:");
    }

    private Path copyExample() throws IOException {
        Path src = Path.of("sample-projects");
        Files.createDirectories(dir.resolve("example"));
        Files.copy(src.resolve("example-recipe.yaml"), dir.resolve("example-recipe.yaml"));
        for (String f : List.of("prompts.jsonl", "candidates.jsonl")) {
            Files.copy(src.resolve("example").resolve(f), dir.resolve("example").resolve(f));
        }
        return dir.resolve("example-recipe.yaml");
    }

    @Test
    void exampleRecipeRunsAndRerunsIdempotently() throws Exception {
        Path recipeFile = copyExample();
        String yaml = Files.readString(recipeFile);
        TeacherEnvironment env = TeacherEnvironment.system().withBaseDir(dir);
        Recipe recipe = RecipeParser.parse(yaml, recipeFile.toString(), env);
        try (Project p = Project.create(dir.resolve("ex.heirloom"), "ex")) {
            RecipeRunner runner = new RecipeRunner(p, env, TestMetrics.RESOLVER, null);
            List<String> report = runner.run(recipe, yaml, JobContext.none());
            assertTrue(report.get(0).startsWith("prompts: imported 6 prompts"), report.toString());
            assertTrue(
                    report.get(1).contains("24 candidates (0 already stored, 24 generated)"),
                    report.toString());
            assertEquals(yaml, new RecipeRepository(p).find("example").orElseThrow());

            // The filtered selection: words >= 20, then most distinct words. Worked out by hand
            // (words, distinct) for "sky": (2, 2) (27, 25) (31, 23) (16, 14) -> candidate 1.
            List<String> diverse = Files.readAllLines(dir.resolve("out/example-diverse.jsonl"));
            JsonNode first = JSON.readTree(diverse.get(0));
            assertEquals("Explain why the sky is blue.", first.get("prompt").asText());
            assertTrue(first.get("completion").asText().startsWith("Air molecules scatter"));
            // Prompt 4 ("weather and climate"): (19, 16) (8, 7) (31, 28) (6, 6) -> only 2 passes.
            assertTrue(
                    JSON.readTree(diverse.get(3))
                            .get("completion")
                            .asText()
                            .startsWith("Weather describes"));
            JsonNode manifest =
                    JSON.readTree(dir.resolve("out/example-diverse.manifest.json").toFile());
            assertEquals("filter:words>=20,max:mtld", manifest.get("strategy").asText());
            assertTrue(
                    manifest.at("/attribute_means/words/selected_mean").asDouble()
                            > manifest.at("/attribute_means/words/pool_mean").asDouble());
            JsonNode chat =
                    JSON.readTree(
                            Files.readAllLines(dir.resolve("out/example-random-chat.jsonl"))
                                    .get(0));
            assertEquals("assistant", chat.at("/messages/1/role").asText());
            assertEquals(
                    24, Files.readAllLines(dir.resolve("out/example-candidates.jsonl")).size());

            // Again: every stage finds its work done.
            List<String> again = runner.run(recipe, yaml, JobContext.none());
            assertTrue(again.get(0).contains("already imported"), again.toString());
            assertTrue(again.get(1).contains("(24 already stored, 0 generated)"), again.toString());
            assertTrue(
                    again.get(2).contains("words=0") && again.get(2).contains("mtld=0"),
                    again.toString());
            assertTrue(again.get(3).contains("already made"), again.toString());
            assertEquals(diverse, Files.readAllLines(dir.resolve("out/example-diverse.jsonl")));
            long runId = new RunRepository(p).require("example-run").id();
            assertEquals(24, new CandidateRepository(p).count(runId));
        }
    }

    @Test
    void changedPromptInputIsRefused() throws Exception {
        Path recipeFile = copyExample();
        String yaml = Files.readString(recipeFile);
        TeacherEnvironment env = TeacherEnvironment.system().withBaseDir(dir);
        Recipe recipe = RecipeParser.parse(yaml, recipeFile.toString(), env);
        try (Project p = Project.create(dir.resolve("ex.heirloom"), "ex")) {
            new RecipeRunner(p, env, TestMetrics.RESOLVER, null)
                    .run(recipe, yaml, JobContext.none());
            Files.writeString(
                    dir.resolve("example/prompts.jsonl"),
                    "{\"prompt\": \"new\"}\n",
                    java.nio.file.StandardOpenOption.APPEND);
            IllegalArgumentException e =
                    assertThrows(
                            IllegalArgumentException.class,
                            () ->
                                    new RecipeRunner(p, env, TestMetrics.RESOLVER, null)
                                            .run(recipe, yaml, JobContext.none()));
            assertTrue(
                    e.getMessage()
                            .startsWith(
                                    "prompts.set: prompt set 'example-prompts' exists but was made from other input"),
                    e.getMessage());
        }
    }
}
