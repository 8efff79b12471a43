package org.heirloom.cli.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.heirloom.cli.CliTest;
import org.heirloom.model.LocalModel;
import org.heirloom.model.ModelConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainCommandTest {

    @TempDir Path dir;

    private Path base() throws Exception {
        String shared = System.getProperty("heirloom.shared");
        Path tok = shared == null ? null : Path.of(shared, "models", "tiny-llama");
        assumeTrue(
                tok != null && Files.isRegularFile(tok.resolve("tokenizer.json")),
                "shared tiny-llama tokenizer not found (system property heirloom.shared)");
        Path base = dir.resolve("base");
        try (LocalModel m =
                LocalModel.builder()
                        .optRandomInit(ModelConfig.llama(99, 32, 64, 2, 4, 2, true), 1)
                        .optTokenizerDir(tok)
                        .build()) {
            m.save(base);
        }
        return base;
    }

    @Test
    void trainsFromJsonlAndReportsBadLines() throws Exception {
        Path base = base();
        Path f = dir.resolve("p.heirloom");
        assertEquals(0, CliTest.run("new", f.toString()).code());
        Path data = dir.resolve("d.jsonl");
        Files.writeString(
                data,
                "{\"prompt\":\"hi\",\"completion\":\"there\"}\n"
                        + "{\"prompt\":\"yo\",\"completion\":\"man\"}\n");
        CliTest.Result r =
                CliTest.run(
                        "train",
                        f.toString(),
                        "--base",
                        base.toString(),
                        "--data",
                        data.toString(),
                        "--name",
                        "student",
                        "--max-steps",
                        "3",
                        "--batch",
                        "2",
                        "--lr",
                        "1e-3",
                        "--heldout",
                        "0",
                        "--replicates",
                        "1",
                        "--lora-rank",
                        "2");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().startsWith("student: 3 steps, 2 train / 0 held-out examples"), r.out());
        assertTrue(
                Files.isRegularFile(
                        dir.resolve("p.heirloom.models")
                                .resolve("student")
                                .resolve("model.safetensors")));

        Files.writeString(
                data, "{\"prompt\":\"hi\",\"completion\":\"there\"}\n{\"prompt\":\"yo\"}\n");
        r =
                CliTest.run(
                        "train",
                        f.toString(),
                        "--base",
                        base.toString(),
                        "--data",
                        data.toString(),
                        "--name",
                        "other");
        assertEquals(1, r.code());
        assertTrue(r.err().contains(data + ":2: field 'completion' is missing"), r.err());
    }

    /** {@code train --template chat} on a base with a chat_template.jinja. */
    @Test
    void trainsWithTheBasesChatTemplate() throws Exception {
        Path base = base();
        Files.writeString(
                base.resolve("tokenizer_config.json"),
                "{\"bos_token\": \"<s>\", \"eos_token\": \"</s>\"}");
        // The template beside the tokenizer, as recent models ship it.
        Files.writeString(
                base.resolve("chat_template.jinja"),
                "{% for m in messages %}{{ m.role[0] }}:{{ m.content }}<unk>{% endfor %}"
                        + "{% if add_generation_prompt %}a:{% endif %}\n");
        Path f = dir.resolve("p.heirloom");
        assertEquals(0, CliTest.run("new", f.toString()).code());
        Path data = dir.resolve("d.jsonl");
        Files.writeString(
                data,
                "{\"prompt\":\"hi\",\"completion\":\"there\"}\n"
                        + "{\"prompt\":\"yo\",\"completion\":\"man\"}\n");
        CliTest.Result r =
                CliTest.run(
                        "train",
                        f.toString(),
                        "--base",
                        base.toString(),
                        "--data",
                        data.toString(),
                        "--name",
                        "chatty",
                        "--template",
                        "chat",
                        "--max-steps",
                        "2",
                        "--batch",
                        "2",
                        "--heldout",
                        "0",
                        "--replicates",
                        "1");
        assertEquals(0, r.code(), r.err());
        // The template is recorded with the training, and the student keeps the base's template.
        try (org.heirloom.project.Project p =
                org.heirloom.project.Project.open(f, org.heirloom.project.Project.Mode.READ_ONLY)) {
            String config =
                    p.read(
                            c -> {
                                try (var ps =
                                                c.prepareStatement(
                                                        "SELECT config FROM training WHERE name = 'chatty'");
                                        var rs = ps.executeQuery()) {
                                    rs.next();
                                    return rs.getString(1);
                                }
                            });
            assertTrue(config.contains("\"template\":\"chat\""), config);
        }
        Path student = dir.resolve("p.heirloom.models").resolve("chatty");
        try (LocalModel m = LocalModel.load(student)) {
            assertTrue(m.chatTemplate().orElseThrow().contains("<unk>"));
        }
        // Profiled without --template, the student is prompted with the template it learned;
        // a system prompt and template kwargs are part of the profile's identity.
        Path prompts = dir.resolve("q.txt");
        Files.writeString(prompts, "hi\n");
        CliTest.Result prof =
                CliTest.run(
                        "profile",
                        f.toString(),
                        "--model",
                        "chatty",
                        "--suite",
                        "text",
                        "--data",
                        prompts.toString(),
                        "-n",
                        "1",
                        "--max-new-tokens",
                        "3",
                        "--metrics",
                        "words",
                        "--system",
                        "Be brief.",
                        "--template-kwarg",
                        "enable_thinking=false");
        assertEquals(0, prof.code(), prof.err());
        try (org.heirloom.project.Project p =
                org.heirloom.project.Project.open(f, org.heirloom.project.Project.Mode.READ_ONLY)) {
            String config =
                    p.read(
                            c -> {
                                try (var ps =
                                                c.prepareStatement(
                                                        "SELECT config FROM profile WHERE suite = 'text'");
                                        var rs = ps.executeQuery()) {
                                    rs.next();
                                    return rs.getString(1);
                                }
                            });
            JsonNode cfg = new ObjectMapper().readTree(config);
            assertEquals("chat", cfg.get("template").asText(), config);
            assertEquals(
                    "{\"system\":\"Be brief.\",\"kwargs\":{\"enable_thinking\":false}}",
                    cfg.get("template_options").asText());
        }
    }

    @Test
    void benchTrainPrintsOurNumberAloneWithoutTorch() throws Exception {
        CliTest.Result r =
                CliTest.run(
                        "bench",
                        "train",
                        "--hidden",
                        "16",
                        "--layers",
                        "1",
                        "--heads",
                        "2",
                        "--kv-heads",
                        "1",
                        "--intermediate",
                        "32",
                        "--vocab",
                        "40",
                        "--batch",
                        "2",
                        "--seq",
                        "8",
                        "--steps",
                        "2",
                        "--warmup",
                        "1",
                        "--python",
                        dir.resolve("no-python").toString(),
                        "--json");
        assertEquals(0, r.code(), r.err());
        JsonNode j = new ObjectMapper().readTree(r.out());
        assertTrue(j.get("heirloom_tokens_per_second").asDouble() > 0);
        assertEquals(
                dir.resolve("no-python")
                        + " cannot import torch (Debian: apt-get install"
                        + " python3-torch python3-numpy ...)",
                j.get("pytorch").asText());
        assertTrue(!j.has("ratio"));
        // Heirloom's side alone, one round, and the load average printed either way.
        assertEquals(1, j.get("sideBySide").get("order").size());
        assertTrue(j.get("sideBySide").has("loadStart"));
    }
}
