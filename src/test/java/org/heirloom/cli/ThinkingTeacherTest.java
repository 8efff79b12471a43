package org.heirloom.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.heirloom.model.Fixtures;
import org.heirloom.project.Project;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A thinking model's template end to end through {@code generate-candidates}: with thinking on, the
 * generation prompt opens {@code <think>} (as Qwen3's does), so everything generated is reasoning,
 * stored in its own column, and scores see only the (empty) answer; with {@code
 * kwarg.enable_thinking=false} the template closes the think block itself and everything is answer.
 */
class ThinkingTeacherTest {

    @TempDir Path dir;

    /** Qwen3's structure, reduced: system prompt, turns, and the enable_thinking switch. */
    static final String TEMPLATE =
            """
            {%- for m in messages %}
            {{- '<|im_start|>' + m.role + '\\n' + m.content + '<|im_end|>\\n' }}
            {%- endfor %}
            {%- if add_generation_prompt %}
                {{- '<|im_start|>assistant\\n' }}
                {%- if enable_thinking is defined and enable_thinking is false %}
                    {{- '<think>\\n\\n</think>\\n\\n' }}
                {%- else %}
                    {{- '<think>\\n' }}
                {%- endif %}
            {%- endif %}
            """;

    /** A thinking "model": the stories260k fixture's weights with the template above beside it. */
    static Path thinkingModel(Path dir) throws Exception {
        Path src = Fixtures.model("stories260k");
        Path m = Files.createDirectories(dir.resolve("thinker"));
        try (var files = Files.list(src)) {
            for (Path f : files.toList()) {
                Files.createSymbolicLink(m.resolve(f.getFileName()), f.toAbsolutePath());
            }
        }
        Files.writeString(m.resolve("chat_template.jinja"), TEMPLATE);
        return m;
    }

    record Cand(String text, String reasoning, int tokens, double words) {}

    static List<Cand> candidates(Path project, String run) throws Exception {
        try (Project p = Project.open(project, Project.Mode.READ_ONLY)) {
            return p.read(
                    c -> {
                        List<Cand> out = new ArrayList<>();
                        try (var ps =
                                c.prepareStatement(
                                        "SELECT c.text, c.reasoning, c.token_count, s.value FROM candidate c"
                                                + " JOIN run r ON r.id = c.run_id"
                                                + " JOIN score s ON s.candidate_id = c.id"
                                                + " JOIN metric m ON m.id = s.metric_id AND m.name = 'words'"
                                                + " WHERE r.name = ? ORDER BY c.id")) {
                            ps.setString(1, run);
                            try (var rs = ps.executeQuery()) {
                                while (rs.next()) {
                                    out.add(
                                            new Cand(
                                                    rs.getString(1),
                                                    rs.getString(2),
                                                    rs.getInt(3),
                                                    rs.getDouble(4)));
                                }
                            }
                        }
                        return out;
                    });
        }
    }

    private static void generate(Path project, String teacher, String name) {
        CliTest.Result g =
                CliTest.run(
                        "generate-candidates",
                        project.toString(),
                        "--prompts",
                        "p",
                        "--teacher",
                        teacher,
                        "--k",
                        "2",
                        "--max-new-tokens",
                        "12",
                        "--temperature",
                        "1.0",
                        "--seed",
                        "3",
                        "--name",
                        name);
        assertEquals(0, g.code(), g.err());
        CliTest.Result s =
                CliTest.run("score", project.toString(), "--run", name, "--metrics", "words");
        assertEquals(0, s.code(), s.err());
    }

    /** {@code generate --template chat} takes the same system prompt and kwargs. */
    @Test
    void generateTakesSystemPromptAndKwargs() throws Exception {
        Path model = thinkingModel(dir);
        int[] lengths = new int[3];
        String[][] variants = {
            {},
            {"--template-kwarg", "enable_thinking=false"},
            {"--template-kwarg", "enable_thinking=false", "--system", "Be brief."}
        };
        for (int i = 0; i < variants.length; i++) {
            List<String> args =
                    new ArrayList<>(
                            List.of(
                                    "generate",
                                    "--model",
                                    model.toString(),
                                    "--prompt",
                                    "Hi",
                                    "--template",
                                    "chat",
                                    "--max-new-tokens",
                                    "1",
                                    "--json"));
            args.addAll(List.of(variants[i]));
            CliTest.Result r = CliTest.run(args.toArray(String[]::new));
            assertEquals(0, r.code(), r.err());
            lengths[i] =
                    new com.fasterxml.jackson.databind.ObjectMapper()
                            .readTree(r.out())
                            .get("prompt_ids")
                            .size();
        }
        // "<think>\n" < "<think>\n\n</think>\n\n" < the same after a system turn.
        assertTrue(
                lengths[0] < lengths[1] && lengths[1] < lengths[2],
                java.util.Arrays.toString(lengths));
        CliTest.Result bad =
                CliTest.run(
                        "generate", "--model", model.toString(), "--prompt", "Hi", "--system", "x");
        assertEquals(1, bad.code());
        assertTrue(bad.err().contains("need template 'chat', not 'raw'"), bad.err());

        // A broken template: one line naming the file, line and column; no stack trace.
        Files.writeString(
                model.resolve("chat_template.jinja"), "{% for m in messages %}\n{{ m.content }");
        CliTest.Result broken =
                CliTest.run(
                        "generate",
                        "--model",
                        model.toString(),
                        "--prompt",
                        "Hi",
                        "--template",
                        "chat");
        assertEquals(1, broken.code());
        assertEquals(1, broken.err().strip().lines().count(), broken.err());
        assertTrue(
                broken.err()
                        .contains(model.resolve("chat_template.jinja") + ":2:14: unexpected '}'"),
                broken.err());
    }

    @Test
    void reasoningIsStoredApartAndNotScored() throws Exception {
        Path model = thinkingModel(dir);
        Path project = dir.resolve("p.heirloom");
        Path prompts = dir.resolve("prompts.txt");
        Files.writeString(prompts, "Once upon a time\nThe cat was happy\n");
        assertEquals(0, CliTest.run("new", project.toString()).code());
        assertEquals(
                0,
                CliTest.run("import-prompts", project.toString(), prompts.toString(), "--name", "p")
                        .code());

        generate(project, "local:" + model + ";template=chat", "thinking");
        List<Cand> thinking = candidates(project, "thinking");
        assertEquals(4, thinking.size());
        for (Cand c : thinking) {
            // All generated tokens went to the reasoning; the answer (what is scored) is empty.
            assertTrue(c.tokens() > 0);
            assertNotNull(c.reasoning());
            assertFalse(c.reasoning().isBlank(), c.toString());
            assertEquals("", c.text());
            assertEquals(0.0, c.words());
        }

        generate(
                project,
                "local:"
                        + model
                        + ";template=chat;kwarg.enable_thinking=false;system=Be brief%3B kind.",
                "answers");
        List<Cand> answers = candidates(project, "answers");
        assertEquals(4, answers.size());
        double words = 0;
        for (Cand c : answers) {
            assertNull(c.reasoning(), c.toString());
            words += c.words();
        }
        assertTrue(words > 0, answers.toString());

        // The options are part of the teacher's identity and provenance.
        try (Project p = Project.open(project, Project.Mode.READ_ONLY)) {
            String prov =
                    p.read(
                            c -> {
                                try (var ps =
                                                c.prepareStatement(
                                                        "SELECT t.provenance FROM run_teacher t JOIN run r ON r.id = t.run_id WHERE r.name = 'answers'");
                                        var rs = ps.executeQuery()) {
                                    rs.next();
                                    return rs.getString(1);
                                }
                            });
            assertTrue(
                    prov.contains("\\\"system\\\":\\\"Be brief; kind.\\\"")
                            && prov.contains("\\\"enable_thinking\\\":false"),
                    prov);
        }
    }
}
