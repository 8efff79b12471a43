package org.heirloom.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.heirloom.model.Fixtures;
import org.heirloom.support.TestFiles;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Every command on bad input: exit code 1, exactly one line on stderr that names the problem, no
 * stack trace, and the project file byte-identical afterwards (nothing half-written).
 */
class BadInputCorpusTest {

    @TempDir Path dir;

    private Path project;
    private Path prompts;
    private Path cands;

    /** Bytes that are not UTF-8: 0xC3 starts a two-byte sequence that 0x28 does not continue. */
    private static final byte[] BAD = {(byte) 0xC3, 0x28};

    private record Result(int code, String out, String err) {}

    private static Result run(String... args) {
        CommandLine cl = HeirloomCommand.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int code = cl.execute(args);
        return new Result(code, out.toString(), err.toString());
    }

    @BeforeEach
    void project() throws Exception {
        project = dir.resolve("p.heirloom");
        prompts = dir.resolve("prompts.txt");
        Files.writeString(prompts, "Say hi\nCount to three\n");
        cands = dir.resolve("cands.jsonl");
        Files.writeString(
                cands,
                "{\"prompt\": \"Say hi\", \"completion_0\": \"hi\", \"completion_1\": \"hello there\"}\n"
                        + "{\"prompt\": \"Count to three\", \"completion_0\": \"one two three\","
                        + " \"completion_1\": \"1 2 3\"}\n");
        ok("new", project.toString());
        ok("import-prompts", project.toString(), prompts.toString(), "--name", "ps");
        ok(
                "generate-candidates",
                project.toString(),
                "--prompts",
                "ps",
                "--teacher",
                "import:" + cands,
                "--k",
                "2",
                "--name",
                "r");
        ok("score", project.toString(), "--run", "r", "--metrics", "words");
        ok("select", project.toString(), "--run", "r", "--strategy", "max:words", "--name", "s");
    }

    private static void ok(String... args) {
        Result r = run(args);
        assertEquals(0, r.code(), String.join(" ", args) + "\n" + r.err());
    }

    private Path bytes(String name, byte[]... parts) throws Exception {
        Path f = dir.resolve(name);
        var out = new java.io.ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.write(p);
        }
        Files.write(f, out.toByteArray());
        return f;
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** Runs one bad invocation and checks the promise; returns the message line. */
    private String refuse(String expectedFragment, String... args) {
        String before = state();
        Result r = run(args);
        String what = String.join(" ", args);
        assertEquals(1, r.code(), what + "\n" + r.err() + r.out());
        String err = r.err();
        assertTrue(err.startsWith("heirloom: "), what + ": " + err);
        assertTrue(err.endsWith("\n"), what + ": " + err);
        assertEquals(1, err.lines().count(), what + ": more than one line:\n" + err);
        assertFalse(err.contains("\tat ") || err.contains("Exception"), what + ": " + err);
        assertTrue(
                err.contains(expectedFragment),
                what + ": expected '" + expectedFragment + "' in: " + err);
        assertEquals(before, state(), what + ": the project file changed");
        return err;
    }

    /** The project's bytes, with its WAL (if one was left): what "unchanged" means. */
    private String state() {
        Path wal = project.resolveSibling(project.getFileName() + "-wal");
        return TestFiles.sha256(project) + (Files.exists(wal) ? TestFiles.sha256(wal) : "");
    }

    @Test
    void textInputsWithBadBytesNameFileLineAndOffset() throws Exception {
        Path txt = bytes("bad.txt", utf8("fine\nalso fine\nbad "), BAD, utf8("\n"));
        refuse(
                txt + ":3: invalid UTF-8 at byte 19",
                "import-prompts",
                project.toString(),
                txt.toString(),
                "--name",
                "x");
        Path jsonl =
                bytes(
                        "bad.jsonl",
                        utf8("{\"prompt\": \"a\"}\n{\"prompt\": \""),
                        BAD,
                        utf8("\"}\n"));
        refuse(
                jsonl + ":2: invalid UTF-8 at byte 28",
                "import-prompts",
                project.toString(),
                jsonl.toString(),
                "--name",
                "x");
        // A CSV's encoding is detected (UTF-8, UTF-16, else cp1252); named, it is read strictly.
        Path csv = bytes("bad.csv", utf8("prompt\n"), BAD, utf8("\n"));
        refuse(
                csv + ": byte offset 7: not valid UTF-8 (bytes C3)",
                "import-prompts",
                project.toString(),
                csv.toString(),
                "--name",
                "x",
                "--encoding",
                "utf-8");
        Path teacher =
                bytes(
                        "t.jsonl",
                        utf8("{\"prompt\": \"Say hi\", \"completion_0\": \""),
                        BAD,
                        utf8("\"}\n"));
        refuse(
                teacher + ":1: invalid UTF-8 at byte 38",
                "generate-candidates",
                project.toString(),
                "--prompts",
                "ps",
                "--teacher",
                "import:" + teacher,
                "--k",
                "1",
                "--name",
                "r2");
        Path recipe = bytes("r.yaml", utf8("name: x\n# "), BAD, utf8("\n"));
        refuse(
                recipe + ":2: invalid UTF-8 at byte 10",
                "run",
                project.toString(),
                recipe.toString());
        Path ece =
                bytes(
                        "ece.jsonl",
                        utf8("{\"probs\": [0.25, 0.75], \"label\": 1}\n"),
                        utf8("{\"probs\": [0.25, 0.75], \"label\": 1}\n"),
                        utf8("{\"x\": \""),
                        BAD,
                        utf8("\"}\n"));
        refuse(ece + ":3: invalid UTF-8", "metrics", "ece", "--input", ece.toString());
        Path data = bytes("d.jsonl", utf8("{\"prompt\": \"a\", \"completion\": \""), BAD);
        refuse(
                data + ":1: invalid UTF-8 at byte 31",
                "train",
                project.toString(),
                "--base",
                dir.resolve("no-model").toString(),
                "--data",
                data.toString(),
                "--name",
                "m");
    }

    /** A UTF-8 byte-order mark is accepted by every text input, as import-prompts always did. */
    @Test
    void byteOrderMarksAreAcceptedEverywhere() throws Exception {
        byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
        Path teacher =
                bytes(
                        "bom-cands.jsonl",
                        bom,
                        utf8(
                                "{\"prompt\": \"Say hi\", \"completion_0\": \"hey\"}\n"
                                        + "{\"prompt\": \"Count to three\", \"completion_0\":"
                                        + " \"1 2 3\"}\n"));
        ok(
                "generate-candidates",
                project.toString(),
                "--prompts",
                "ps",
                "--teacher",
                "import:" + teacher,
                "--k",
                "1",
                "--name",
                "bom");
        Path ece = bytes("bom-ece.jsonl", bom, utf8("{\"probs\": [0.25, 0.75], \"label\": 1}\n"));
        Result r = run("metrics", "ece", "--input", ece.toString());
        assertEquals(0, r.code(), r.err());
        Path data =
                bytes("bom-data.jsonl", bom, utf8("{\"prompt\": \"a\", \"completion\": \"b\"}\n"));
        var examples = org.heirloom.train.data.JsonlTrainingData.read(data).examples();
        assertEquals(1, examples.size());
        assertEquals("a", examples.get(0).prompt());
        Path prompts = bytes("bom-prompts.csv", bom, utf8("prompt\nfirst\n"));
        ok("import-prompts", project.toString(), prompts.toString(), "--name", "bomset");
    }

    @Test
    void directoriesWhereFilesBelong() throws Exception {
        Path d = Files.createDirectories(dir.resolve("folder"));
        // A folder is read as a Hugging Face data set (its .parquet files).
        refuse(
                d + ": no .parquet files in this folder",
                "import-prompts",
                project.toString(),
                d.toString(),
                "--name",
                "x");
        refuse(d + ": is a directory", "run", project.toString(), d.toString());
        refuse(
                d + ": is a directory; name the file to write",
                "export-candidates",
                project.toString(),
                "--run",
                "r",
                "--out",
                d.toString());
        refuse(
                d + ": is a directory; name the file to write",
                "export-dataset",
                project.toString(),
                "--selection",
                "s",
                "--format",
                "jsonl",
                "--out",
                d.toString());
        refuse(
                d + ": is a directory",
                "generate-candidates",
                project.toString(),
                "--prompts",
                "ps",
                "--teacher",
                "import:" + d,
                "--k",
                "1",
                "--name",
                "r2");
        Path in = dir.resolve("in.txt");
        Files.writeString(in, "one text\n");
        refuse(
                d + ": is a directory",
                "score",
                "--input",
                in.toString(),
                "--output",
                d.toString(),
                "--metrics",
                "words");
        try (var s = Files.list(d)) {
            assertEquals(0, s.count(), "no temp file left in " + d);
        }
        try (var s = Files.list(dir)) {
            assertTrue(
                    s.noneMatch(f -> f.getFileName().toString().contains(".tmp")),
                    "no temp file left beside it");
        }
    }

    @Test
    void hugeZeroAndNegativeNumbers() throws Exception {
        String[] gen = {
            "generate-candidates",
            project.toString(),
            "--prompts",
            "ps",
            "--teacher",
            "import:" + cands,
            "--name",
            "r2"
        };
        for (String k : new String[] {"0", "-1", "2147483647"}) {
            refuse("k", concat(gen, "--k", k));
        }
        for (String n : new String[] {"0", "-5", "2147483647"}) {
            refuse("max new tokens", concat(gen, "--k", "1", "--max-new-tokens", n));
        }
        refuse("temperature", concat(gen, "--k", "1", "--temperature", "NaN"));
        refuse("top-p", concat(gen, "--k", "1", "--top-p", "0"));
        refuse(
                "--width",
                "gui",
                "--project",
                project.toString(),
                "--screenshot",
                dir.resolve("s.png").toString(),
                "--width",
                "-1");
        refuse(
                "--height",
                "gui",
                "--project",
                project.toString(),
                "--screenshot",
                dir.resolve("s.png").toString(),
                "--height",
                "0");
        refuse(
                "unknown view 'nonsense'",
                "gui",
                "--project",
                project.toString(),
                "--screenshot",
                dir.resolve("s.png").toString(),
                "--view",
                "nonsense");
        refuse(
                "--view model:nobody: no model named 'nobody' in " + project,
                "gui",
                "--project",
                project.toString(),
                "--screenshot",
                dir.resolve("s.png").toString(),
                "--view",
                "model:nobody");
        refuse(
                "--view playground:nobody: no model named 'nobody' in " + project,
                "gui",
                "--project",
                project.toString(),
                "--screenshot",
                dir.resolve("s.png").toString(),
                "--view",
                "playground:nobody");
        // A project whose comparisons have no such name or suite: one line, before any window.
        refuse(
                "--view generations:nothing: no comparison or suite 'nothing' with generations in "
                        + project,
                "gui",
                "--project",
                project.toString(),
                "--screenshot",
                dir.resolve("s.png").toString(),
                "--view",
                "generations:nothing");
        // The model page's names pass the view check: the width is what is refused.
        for (String v : new String[] {"model", "model:max-words-student-r0"}) {
            refuse(
                    "--width",
                    "gui",
                    "--project",
                    project.toString(),
                    "--screenshot",
                    dir.resolve("s.png").toString(),
                    "--view",
                    v,
                    "--width",
                    "0");
        }
        refuse(
                "-n",
                "profile",
                project.toString(),
                "--model",
                "r",
                "--suite",
                "text",
                "--prompts",
                "ps",
                "-n",
                "0");
        refuse(
                "--threads must be between 1 and 1024",
                "score",
                project.toString(),
                "--run",
                "r",
                "--metrics",
                "words",
                "--threads",
                "-1");
        refuse(
                "--name: a selection needs a name",
                "select",
                project.toString(),
                "--run",
                "r",
                "--strategy",
                "max:words",
                "--name",
                " ");
        refuse(
                "limit must be >= 0",
                "import-prompts",
                project.toString(),
                prompts.toString(),
                "--name",
                "x",
                "--limit",
                "-3");
    }

    @Test
    void recipesThatAreTooLargeOrRepeatKeys() throws Exception {
        Path dup = dir.resolve("dup.yaml");
        Files.writeString(dup, "name: a\nname: b\n");
        refuse("Duplicate field 'name'", "run", project.toString(), dup.toString());
        Path huge = dir.resolve("huge.yaml");
        byte[] big = new byte[2 << 20];
        java.util.Arrays.fill(big, (byte) '#');
        Files.write(huge, big);
        long t0 = System.nanoTime();
        refuse(huge + ": too large", "run", project.toString(), huge.toString());
        assertTrue(System.nanoTime() - t0 < 2_000_000_000L, "rejected before parsing");
    }

    @Test
    void garbageModelFiles() throws Exception {
        Path stories = Fixtures.model("stories260k");
        Path tok = Files.createDirectories(dir.resolve("garbage-tokenizer"));
        for (String f : new String[] {"config.json", "model.safetensors"}) {
            Files.copy(stories.resolve(f), tok.resolve(f));
        }
        Files.writeString(tok.resolve("tokenizer.json"), "{\"model\": 42, \"garbage\": [");
        refuse(
                "tokenizer.json",
                "generate",
                "--model",
                tok.toString(),
                "--prompt",
                "Once",
                "--max-new-tokens",
                "2");
        Path data = dir.resolve("d.jsonl");
        Files.writeString(data, "{\"prompt\": \"a\", \"completion\": \"b\"}\n");
        // The broken base is refused before the project opens: no model row is registered.
        refuse(
                "tokenizer.json",
                "train",
                project.toString(),
                "--base",
                tok.toString(),
                "--data",
                data.toString(),
                "--name",
                "student");
        Path cfg = Files.createDirectories(dir.resolve("garbage-tokenizer-config"));
        for (String f : new String[] {"config.json", "model.safetensors", "tokenizer.json"}) {
            Files.copy(stories.resolve(f), cfg.resolve(f));
        }
        Files.writeString(cfg.resolve("tokenizer_config.json"), "{\"bos_token\": [1, 2,\n");
        refuse(
                cfg.resolve("tokenizer_config.json") + ":",
                "generate",
                "--model",
                cfg.toString(),
                "--prompt",
                "Once",
                "--max-new-tokens",
                "2");
        Path index = Files.createDirectories(dir.resolve("garbage-index"));
        for (String f : new String[] {"config.json", "tokenizer.json"}) {
            Files.copy(stories.resolve(f), index.resolve(f));
        }
        Files.write(index.resolve("model.safetensors.index.json"), BAD);
        refuse(
                index.resolve("model.safetensors.index.json") + ":1: invalid UTF-8 at byte 0",
                "generate",
                "--model",
                index.toString(),
                "--prompt",
                "Once",
                "--max-new-tokens",
                "2");
        Path st = Files.createDirectories(dir.resolve("overflow"));
        for (String f : new String[] {"config.json", "tokenizer.json"}) {
            Files.copy(stories.resolve(f), st.resolve(f));
        }
        // A header whose one tensor claims 2^32 × 2^32 float32 elements over 8 data bytes.
        String header =
                "{\"model.embed_tokens.weight\":{\"dtype\":\"F32\",\"shape\":[4294967296,"
                        + "4294967296],\"data_offsets\":[0,8]}}";
        byte[] h = utf8(header);
        var buf = java.nio.ByteBuffer.allocate(8 + h.length + 8);
        buf.order(java.nio.ByteOrder.LITTLE_ENDIAN).putLong(h.length).put(h);
        Files.write(st.resolve("model.safetensors"), buf.array());
        refuse(
                "model.safetensors",
                "generate",
                "--model",
                st.toString(),
                "--prompt",
                "Once",
                "--max-new-tokens",
                "2");
        refuse(
                "model.safetensors",
                "generate-candidates",
                project.toString(),
                "--prompts",
                "ps",
                "--teacher",
                "local:" + st,
                "--k",
                "1",
                "--max-new-tokens",
                "2",
                "--name",
                "r3");
    }

    /**
     * Endpoint down, refusing the key, or redirecting: one line that names the endpoint, never the
     * response body (which here echoes the key back, as some servers do).
     */
    @Test
    void endpointFailuresAreOneLineWithoutBodyOrKey() throws Exception {
        String key = System.getenv("HOME");
        org.junit.jupiter.api.Assumptions.assumeTrue(
                key != null && key.length() > 3, "needs an environment variable to act as key");
        var server =
                com.sun.net.httpserver.HttpServer.create(
                        new java.net.InetSocketAddress(
                                java.net.InetAddress.getLoopbackAddress(), 0),
                        0);
        server.createContext(
                "/401",
                ex -> {
                    byte[] b =
                            utf8(
                                    "{\"error\": \"invalid key "
                                            + ex.getRequestHeaders().getFirst("Authorization")
                                            + "\"}");
                    ex.sendResponseHeaders(401, b.length);
                    ex.getResponseBody().write(b);
                    ex.close();
                });
        server.createContext(
                "/307",
                ex -> {
                    ex.getResponseHeaders().add("Location", "http://user:pw@elsewhere.invalid/v1");
                    byte[] b =
                            utf8(
                                    "moved; your key was "
                                            + ex.getRequestHeaders().getFirst("Authorization"));
                    ex.sendResponseHeaders(307, b.length);
                    ex.getResponseBody().write(b);
                    ex.close();
                });
        server.start();
        int closedPort;
        try (var probe = new java.net.ServerSocket(0)) {
            closedPort = probe.getLocalPort();
        }
        try {
            String base = "http://127.0.0.1:" + server.getAddress().getPort();
            String[][] cases = {
                {base + "/401", "HTTP 401"},
                {base + "/307", "HTTP 307 redirect to http://elsewhere.invalid/v1"},
                {"http://127.0.0.1:" + closedPort, "cannot connect"}
            };
            int i = 0;
            for (String[] c : cases) {
                Result r =
                        run(
                                "generate-candidates",
                                project.toString(),
                                "--prompts",
                                "ps",
                                "--teacher",
                                "openai:" + c[0] + "#m;key-env=HOME;retries=0",
                                "--k",
                                "1",
                                "--name",
                                "remote" + i++);
                assertEquals(1, r.code(), r.err());
                // Progress lines come first on stderr; the failure is one line, and the last.
                List<String> lines = r.err().lines().toList();
                assertEquals(
                        1, lines.stream().filter(l -> l.startsWith("heirloom:")).count(), r.err());
                assertTrue(lines.get(lines.size() - 1).startsWith("heirloom: "), r.err());
                assertFalse(r.err().contains("\tat "), r.err());
                assertTrue(r.err().contains(c[1]), r.err());
                assertFalse(r.err().contains(key), "the key is never printed: " + r.err());
                assertFalse(r.err().contains("invalid key") || r.err().contains("moved"), r.err());
                assertFalse(r.err().contains("pw@"), r.err());
            }
        } finally {
            server.stop(0);
        }
    }

    /**
     * A prompt longer than the model's context: skipped and recorded by default, cut from the left
     * on request, and under {@code fail} refused before the run exists.
     */
    @Test
    void overlongPromptsAreCheckedBeforeTheRunStarts() throws Exception {
        Path model = Fixtures.model("stories260k"); // context 512
        Path mixed = dir.resolve("mixed.txt");
        Files.writeString(mixed, "Once upon a time\n" + "word ".repeat(700) + "\nThe cat sat\n");
        ok("import-prompts", project.toString(), mixed.toString(), "--name", "mixed");
        String[] gen = {
            "generate-candidates",
            project.toString(),
            "--prompts",
            "mixed",
            "--teacher",
            "local:" + model,
            "--k",
            "1",
            "--max-new-tokens",
            "4",
            "--temperature",
            "0"
        };
        refuse(
                "1 prompts do not fit the teacher's context: prompt 1 (prompt (",
                concat(gen, "--name", "strict", "--on-overlong", "fail"));
        Result r = run(concat(gen, "--name", "lenient"));
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("Run 'lenient': 2 candidates"), r.out());
        assertTrue(r.out().contains("1 prompts skipped and 0 truncated"), r.out());
        assertTrue(r.out().contains("exceed the model's context of 512"), r.out());
        Result again = run(concat(gen, "--name", "lenient"));
        assertTrue(again.out().contains("(2 already stored, 0 generated now)"), again.out());
        Result cut = run(concat(gen, "--name", "cut", "--on-overlong", "truncate-left"));
        assertEquals(0, cut.code(), cut.err());
        assertTrue(cut.out().contains("Run 'cut': 3 candidates"), cut.out());
        assertTrue(cut.out().contains("0 prompts skipped and 1 truncated"), cut.out());
        try (var p = org.heirloom.project.Project.open(project)) {
            var runs = new org.heirloom.project.run.RunRepository(p);
            var skips = new org.heirloom.run.RunSkips(p);
            assertEquals(1, skips.list(runs.require("lenient").id()).size());
            assertEquals("skipped", skips.list(runs.require("lenient").id()).get(0).action());
            assertEquals("truncated", skips.list(runs.require("cut").id()).get(0).action());
            assertTrue(runs.find("strict").isEmpty(), "no run row for the refused run");
            assertEquals(
                    3,
                    new org.heirloom.project.candidate.CandidateRepository(p)
                            .count(runs.require("cut").id()));
        }
        String[] profile = {
            "profile",
            project.toString(),
            "--model",
            model.toString(),
            "--suite",
            "text",
            "--prompts",
            "mixed",
            "-n",
            "1",
            "--max-new-tokens",
            "4",
            "--template",
            "raw",
            "--temperature",
            "0"
        };
        Result strict = run(concat(profile, "--on-overlong", "fail"));
        assertEquals(1, strict.code(), strict.err());
        assertTrue(strict.err().contains("1 prompts do not fit the model's context"), strict.err());
        Result lenient = run(profile);
        assertEquals(0, lenient.code(), lenient.err());
        var summary = new com.fasterxml.jackson.databind.ObjectMapper().readTree(lenient.out());
        assertEquals(1, summary.get("overlong_prompts").size(), lenient.out());
        assertEquals("skipped", summary.at("/overlong_prompts/0/action").asText(), lenient.out());
        try (var p = org.heirloom.project.Project.open(project)) {
            var profiles = new org.heirloom.project.profile.ProfileRepository(p).list();
            assertEquals(1, profiles.size(), "the refused profile left no row: " + profiles);
            assertEquals("complete", profiles.get(0).status());
            // One sample for each of the two prompts that fit.
            assertEquals(
                    2,
                    new org.heirloom.project.profile.ProfileRepository(p)
                            .items(profiles.get(0).id())
                            .size());
        }
    }

    private static String[] concat(String[] a, String... b) {
        List<String> out = new ArrayList<>(List.of(a));
        out.addAll(List.of(b));
        return out.toArray(new String[0]);
    }
}
