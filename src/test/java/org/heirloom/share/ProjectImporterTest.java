package org.heirloom.share;

import static org.heirloom.share.ImportFixtures.count;
import static org.heirloom.share.ImportFixtures.strings;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.heirloom.job.CancellationToken;
import org.heirloom.job.JobCancelledException;
import org.heirloom.job.JobContext;
import org.heirloom.job.Progress;
import org.heirloom.project.Project;
import org.heirloom.project.RunRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Importing runs, trainings and profiles between hand-built projects. */
class ProjectImporterTest {

    @TempDir Path dir;

    /** Source "b": run r1 over 3 prompts, fully scored, selected and trained; a profile. */
    private Project source() {
        Project b = ImportFixtures.create(dir, "b");
        long set = ImportFixtures.promptSet(b, "shared", 3);
        RunRecord r1 = ImportFixtures.run(b, "r1", set, 42, 2);
        ImportFixtures.scoreSelectTrain(b, r1, set);
        ImportFixtures.profile(b, "r1-student", 4);
        return b;
    }

    /** Target "a": its own prompt set, run and models first, so that every id differs. */
    private Project target() {
        Project a = ImportFixtures.create(dir, "a");
        long set = ImportFixtures.promptSet(a, "mine", 5);
        ImportFixtures.run(a, "own", set, 1, 2);
        return a;
    }

    private static ImportReport importRuns(Project a, Project b, String... runs) {
        return new ProjectImporter(a, b)
                .run(ImportRequest.of(List.of(runs), List.of()), JobContext.none());
    }

    @Test
    void aRunComesWithEverythingAndIdsPointAtTheRightRows() {
        try (Project b = source();
                Project a = target()) {
            ImportReport report = importRuns(a, b, "r1");
            assertEquals(1, report.added("runs"));
            assertEquals(1, report.added("prompt sets"));
            assertEquals(3, report.added("prompts"));
            assertEquals(6, report.added("candidates"));
            assertEquals(6, report.added("scores"));
            assertEquals(1, report.added("selections"));
            assertEquals(3, report.added("selected rows"));
            assertEquals(1, report.added("trainings"));
            assertEquals(2, report.added("training log rows"));
            assertEquals(1, report.added("models"), "the student; the teacher is the same model");
            assertEquals(1, report.reused("models"));
            assertEquals(1, report.added("model files"));
            assertEquals(0, report.added("profiles"), "profiles are not part of a run");

            assertEquals(2, count(a, "SELECT count(*) FROM run"));
            assertEquals(10 + 6, count(a, "SELECT count(*) FROM candidate"));
            // A reasoning model's reasoning travels with its candidate.
            String reasoned =
                    "SELECT count(*) FROM candidate c JOIN run r ON r.id = c.run_id"
                            + " WHERE r.name = 'r1' AND c.idx = 1"
                            + " AND c.reasoning = 'reasoning p' || (SELECT count(*) FROM prompt q"
                            + " WHERE q.prompt_set_id = (SELECT prompt_set_id FROM prompt WHERE id = c.prompt_id)"
                            + " AND q.idx < (SELECT idx FROM prompt WHERE id = c.prompt_id))";
            assertEquals(3, count(b, reasoned));
            assertEquals(3, count(a, reasoned));
            // The target's own rows came first, so no imported id equals its source id.
            long sourceRun = count(b, "SELECT id FROM run WHERE name = 'r1'");
            long importedRun = count(a, "SELECT id FROM run WHERE name = 'r1'");
            assertNotEquals(sourceRun, importedRun);
            // Every candidate's prompt is the prompt its text was written for.
            assertEquals(
                    0,
                    count(
                            a,
                            "SELECT count(*) FROM candidate c JOIN prompt p ON p.id = c.prompt_id"
                                    + " WHERE c.run_id = ? AND c.text <> 'r1 p' || substr(p.text, 8) || ' c' || c.idx",
                            importedRun));
            // Scores: 10*i + j, read through the imported candidate's text.
            assertEquals(
                    List.of("0.0", "1.0", "10.0", "11.0", "20.0", "21.0"),
                    strings(
                            a,
                            "SELECT s.value FROM score s JOIN candidate c ON c.id = s.candidate_id"
                                    + " WHERE c.run_id = ? ORDER BY s.value",
                            importedRun));
            assertEquals(
                    List.of("r1 p0 c1", "r1 p1 c1", "r1 p2 c1"),
                    strings(
                            a,
                            "SELECT c.text FROM selected x JOIN selection s ON s.id = x.selection_id"
                                    + " JOIN candidate c ON c.id = x.candidate_id"
                                    + " WHERE s.name = 'r1-best' AND c.prompt_id = x.prompt_id"
                                    + " AND s.run_id = ? ORDER BY c.text",
                            importedRun));
            // The training points at the imported selection and the imported student.
            assertEquals(
                    List.of("r1-best|r1-student|2"),
                    strings(
                            a,
                            "SELECT s.name || '|' || m.name || '|' || (SELECT count(*) FROM training_log l"
                                    + " WHERE l.training_id = t.id) FROM training t"
                                    + " JOIN selection s ON s.id = t.selection_id"
                                    + " JOIN model m ON m.id = t.output_model_id"));
            assertEquals(
                    List.of("teacher"),
                    strings(
                            a,
                            "SELECT m.name FROM run_teacher t JOIN model m ON m.id = t.model_id"
                                    + " WHERE t.run_id = ?",
                            importedRun));
        }
    }

    @Test
    void importingTwiceAddsNothing() {
        try (Project b = source();
                Project a = target()) {
            importRuns(a, b, "r1");
            long candidates = count(a, "SELECT count(*) FROM candidate");
            long scores = count(a, "SELECT count(*) FROM score");
            ImportReport again =
                    new ProjectImporter(a, b).run(ImportRequest.everything(), JobContext.none());
            assertEquals(1, again.reused("runs"));
            assertEquals(1, again.added("profiles"), "--all also brings the profile, once");
            assertEquals(4, again.added("profile items"));
            assertEquals(
                    0, again.added("candidates") + again.added("scores") + again.added("runs"));
            ImportReport third =
                    new ProjectImporter(a, b).run(ImportRequest.everything(), JobContext.none());
            assertTrue(third.addedNothing(), String.join("\n", third.summary()));
            assertEquals(candidates, count(a, "SELECT count(*) FROM candidate"));
            assertEquals(scores, count(a, "SELECT count(*) FROM score"));
            assertEquals(2, count(a, "SELECT count(*) FROM run"));
            assertEquals(1, count(a, "SELECT count(*) FROM profile"));
        }
    }

    @Test
    void aPromptSetWithTheSameContentIsReusedWhateverItsName() {
        try (Project b = source();
                Project a = ImportFixtures.create(dir, "a")) {
            // Same prompts as b's "shared", stored under another name.
            ImportFixtures.promptSet(a, "mine", 2);
            long copy =
                    new org.heirloom.project.PromptSetRepository(a)
                            .create(
                                    "my copy",
                                    "x",
                                    List.of(
                                            org.heirloom.project.PromptInput.of("shared 0"),
                                            org.heirloom.project.PromptInput.of("shared 1"),
                                            org.heirloom.project.PromptInput.of("shared 2")));
            ImportReport r = importRuns(a, b, "r1");
            assertEquals(1, r.reused("prompt sets"));
            assertEquals(0, r.added("prompt sets"));
            assertEquals(copy, count(a, "SELECT prompt_set_id FROM run WHERE name = 'r1'"));
        }
    }

    @Test
    void aNameTakenByDifferentContentGetsASuffixAndStaysIdempotent() {
        try (Project b = source();
                Project a = ImportFixtures.create(dir, "a")) {
            long set = ImportFixtures.promptSet(a, "shared", 4); // same name, other prompts
            ImportFixtures.run(a, "r1", set, 42, 1); // same name, other run
            ImportReport r = importRuns(a, b, "r1");
            assertEquals(1, r.added("runs"));
            assertTrue(
                    r.renamed().contains("run 'r1' imported as 'r1 (from b)'"),
                    r.renamed().toString());
            assertTrue(
                    r.renamed().contains("prompt set 'shared' imported as 'shared (from b)'"),
                    r.renamed().toString());
            assertEquals(
                    6,
                    count(
                            a,
                            "SELECT count(*) FROM candidate c JOIN run r ON r.id = c.run_id WHERE r.name = 'r1 (from b)'"));
            assertEquals(
                    4,
                    count(
                            a,
                            "SELECT count(*) FROM candidate c JOIN run r ON r.id = c.run_id WHERE r.name = 'r1'"));
            assertTrue(importRuns(a, b, "r1").addedNothing(), "found again under its new name");
        }
    }

    @Test
    void aRunThatGrewInTheSourceOnlyAddsWhatIsNew() {
        try (Project b = ImportFixtures.create(dir, "b");
                Project a = ImportFixtures.create(dir, "a")) {
            long set = ImportFixtures.promptSet(b, "s", 3);
            RunRecord r = ImportFixtures.run(b, "grow", set, 5, 1);
            importRuns(a, b, "grow");
            assertEquals(3, count(a, "SELECT count(*) FROM candidate"));
            long teacher = count(b, "SELECT id FROM run_teacher WHERE run_id = ?", r.id());
            ImportFixtures.addCandidates(b, r, teacher, set, 1, 2);
            new org.heirloom.project.RunRepository(b).setStatus(r.id(), "complete");
            ImportReport second = importRuns(a, b, "grow");
            assertEquals(3, second.added("candidates"));
            assertEquals(1, second.reused("runs"));
            assertEquals(6, count(a, "SELECT count(*) FROM candidate"));
            assertEquals(List.of("complete"), strings(a, "SELECT status FROM run"));
        }
    }

    @Test
    void anInterruptedImportKeepsFinishedEntitiesAndARerunCompletes() {
        try (Project b = ImportFixtures.create(dir, "b");
                Project a = ImportFixtures.create(dir, "a")) {
            long set = ImportFixtures.promptSet(b, "s", 2);
            ImportFixtures.run(b, "first", set, 1, 2);
            ImportFixtures.run(b, "second", set, 2, 2);
            CancellationToken token = new CancellationToken();
            Progress cancelAfterOne =
                    new Progress() {
                        @Override
                        public void start(long total, String message) {}

                        @Override
                        public void advance(long units) {
                            token.cancel();
                        }

                        @Override
                        public void message(String message) {}
                    };
            assertThrows(
                    JobCancelledException.class,
                    () ->
                            new ProjectImporter(a, b)
                                    .run(
                                            ImportRequest.everything(),
                                            new JobContext(cancelAfterOne, token)));
            assertEquals(List.of("first"), strings(a, "SELECT name FROM run"));
            assertEquals(4, count(a, "SELECT count(*) FROM candidate"));
            ImportReport rest =
                    new ProjectImporter(a, b).run(ImportRequest.everything(), JobContext.none());
            assertEquals(1, rest.added("runs"));
            assertEquals(1, rest.reused("runs"));
            assertEquals(
                    List.of("first", "second"), strings(a, "SELECT name FROM run ORDER BY name"));
            assertEquals(8, count(a, "SELECT count(*) FROM candidate"));
        }
    }

    @Test
    void aProfileComesWithItsModelAndItems() {
        try (Project b = source();
                Project a = target()) {
            long id = count(b, "SELECT id FROM profile");
            ImportReport r =
                    new ProjectImporter(a, b)
                            .run(ImportRequest.of(List.of(), List.of(id)), JobContext.none());
            assertEquals(1, r.added("profiles"));
            assertEquals(4, r.added("profile items"));
            assertEquals(1, r.added("model files"), "the profiled student's weights");
            assertEquals(
                    List.of("r1-student|text|4"),
                    strings(
                            a,
                            "SELECT m.name || '|' || p.suite || '|' || (SELECT count(*) FROM profile_item i"
                                    + " WHERE i.profile_id = p.id) FROM profile p JOIN model m ON m.id = p.model_id"));
            assertEquals(0, count(a, "SELECT count(*) FROM run WHERE name = 'r1'"));
        }
    }

    @Test
    void badRequestsAreRefusedBeforeAnythingIsWritten() throws Exception {
        try (Project b = source();
                Project a = target()) {
            IllegalArgumentException unknown =
                    assertThrows(
                            IllegalArgumentException.class, () -> importRuns(a, b, "r1", "nope"));
            assertEquals("no run named nope in " + b.file() + " (runs: r1)", unknown.getMessage());
            assertEquals(1, count(a, "SELECT count(*) FROM run"));
            assertThrows(
                    IllegalArgumentException.class,
                    () ->
                            new ProjectImporter(a, b)
                                    .run(
                                            ImportRequest.of(List.of(), List.of(99L)),
                                            JobContext.none()));
            assertThrows(IllegalArgumentException.class, () -> importRuns(a, b));
            assertThrows(IllegalArgumentException.class, () -> new ProjectImporter(a, a));
        }
        try (Project b = Project.open(dir.resolve("b.heirloom"));
                Project ro = Project.open(dir.resolve("a.heirloom"), Project.Mode.READ_ONLY)) {
            IllegalArgumentException e =
                    assertThrows(IllegalArgumentException.class, () -> new ProjectImporter(ro, b));
            assertTrue(
                    e.getMessage().endsWith("is open read-only; nothing can be imported into it"));
        }
    }

    @Test
    void aKeyInATeacherUrlStaysBehind() {
        try (Project b = source();
                Project a = target()) {
            // An older file may carry user-info in a teacher's URL; the import never copies it.
            b.write(
                    c ->
                            ImportFixtures.exec(
                                    c,
                                    "UPDATE run_teacher SET spec = ?, provenance = ?",
                                    "openai:https://me:sk-123@api.example/v1",
                                    "{\"endpoint\":\"https://me:sk-123@api.example/v1\"}"));
            importRuns(a, b, "r1");
            long importedRun = count(a, "SELECT id FROM run WHERE name = 'r1'");
            assertEquals(
                    List.of(
                            "openai:https://api.example/v1|{\"endpoint\":\"https://api.example/v1\"}"),
                    strings(
                            a,
                            "SELECT spec || '|' || provenance FROM run_teacher WHERE run_id = ?",
                            importedRun));
            assertEquals(
                    0, count(a, "SELECT count(*) FROM run_teacher WHERE spec LIKE '%sk-123%'"));
        }
    }
}
