package org.heirloom.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.heirloom.io.ContentHash;
import org.heirloom.job.JobContext;
import org.heirloom.project.CandidateRepository;
import org.heirloom.project.CandidateRow;
import org.heirloom.project.Project;
import org.heirloom.project.PromptInput;
import org.heirloom.project.PromptSetRepository;
import org.heirloom.project.RunRepository;
import org.heirloom.project.RunTeacherRecord;
import org.heirloom.project.StoredPrompt;
import org.heirloom.teacher.TeacherEnvironment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a child JVM in the middle of a run (SIGKILL via destroyForcibly), then resumes in this JVM:
 * the run ends with exactly prompts × teachers × k candidates, and every row the killed process had
 * committed is byte-for-byte what it was.
 */
class KillResumeTest {

    private static final int PROMPTS = 12;

    @TempDir Path dir;

    @Test
    void killNineMidRunThenResume() throws Exception {
        Path file = dir.resolve("kill.heirloom");
        try (Project p = Project.create(file, "kill")) {
            List<PromptInput> in = new ArrayList<>();
            for (int i = 0; i < PROMPTS; i++) {
                in.add(PromptInput.of("Tell me about thing " + i));
            }
            new PromptSetRepository(p).create("set", "test", in);
        }
        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child =
                new ProcessBuilder(
                                javaBin,
                                "-cp",
                                System.getProperty("java.class.path"),
                                SlowRunMain.class.getName(),
                                file.toString())
                        .redirectErrorStream(true)
                        .redirectOutput(dir.resolve("child.log").toFile())
                        .start();
        long stored = 0;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (stored < 15 && System.nanoTime() < deadline && child.isAlive()) {
            Thread.sleep(50);
            stored = count(file);
        }
        assertTrue(
                child.isAlive(),
                "child ended early: " + Files.readString(dir.resolve("child.log")));
        child.destroyForcibly();
        assertTrue(child.waitFor(30, TimeUnit.SECONDS));
        assertFalse(Files.readString(dir.resolve("child.log")).contains("FINISHED"));

        try (Project p = Project.open(file)) {
            long runId = new RunRepository(p).require("killed").id();
            assertEquals(
                    "running",
                    new RunRepository(p).require("killed").status(),
                    "killed, not finished");
            List<CandidateRow> before = new CandidateRepository(p).list(runId);
            int total = PROMPTS * 2 * 3;
            assertTrue(
                    before.size() >= 15 && before.size() < total,
                    "stored before kill: " + before.size());

            FakeTeacher.register();
            RunResult r =
                    new GenerationRunner(p, TeacherEnvironment.system())
                            .run(SlowRunMain.spec(""), JobContext.none());
            assertEquals(before.size(), r.alreadyStored());
            assertEquals(total - before.size(), r.generated());

            List<CandidateRow> after = new CandidateRepository(p).list(runId);
            assertEquals(total, after.size());
            Map<Long, CandidateRow> byId = new HashMap<>();
            Set<String> keys = new HashSet<>();
            for (CandidateRow c : after) {
                byId.put(c.id(), c);
                assertTrue(
                        keys.add(c.promptId() + "/" + c.teacherId() + "/" + c.index()),
                        "duplicate " + c);
            }
            for (CandidateRow c : before) {
                assertEquals(c, byId.get(c.id()), "rows stored before the kill are untouched");
            }
            // Every candidate, whichever process made it, is the one its seed defines.
            Map<Long, String> prompts = new HashMap<>();
            for (StoredPrompt sp : new PromptSetRepository(p).prompts(1)) {
                prompts.put(sp.id(), sp.text());
            }
            List<RunTeacherRecord> teachers = new RunRepository(p).teachers(runId);
            for (CandidateRow c : after) {
                int t = c.teacherId() == teachers.get(0).id() ? 0 : 1;
                String prompt = prompts.get(c.promptId());
                long seed = CandidateSeeds.derive(7, ContentHash.of(prompt), t, c.index());
                assertEquals(seed, c.seed());
                assertEquals(
                        FakeTeacher.text(t == 0 ? "a" : "b", prompt, seed, c.index()), c.text());
            }
            assertEquals("complete", new RunRepository(p).require("killed").status());
        }
    }

    /** Counts with a plain connection, as an outside observer of the child's committed work. */
    private static long count(Path file) {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT count(*) FROM candidate")) {
            return rs.next() ? rs.getLong(1) : 0;
        } catch (Exception e) {
            return 0; // tables not there yet
        }
    }
}
