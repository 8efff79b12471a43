package org.heirloom.ui.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.heirloom.job.SynchronousJobExecutor;
import org.heirloom.project.Project;
import org.heirloom.project.model.ModelRepository;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The model page without a window: synchronous jobs, so every call has finished. */
class ModelPageViewModelTest {

    static final Path BUNDLED = Path.of("sample-projects/sample.heirloom").toAbsolutePath();

    @TempDir Path dir;

    private Project sample() throws Exception {
        assumeTrue(Files.isRegularFile(BUNDLED), "no bundled sample project in this checkout");
        Path copy = dir.resolve("sample.heirloom");
        Files.copy(BUNDLED, copy);
        return Project.open(copy);
    }

    private static String fact(ModelPageViewModel vm, String label) {
        return vm.about().stream()
                .filter(f -> f.label().equals(label))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no fact " + label))
                .value();
    }

    @Test
    void aStudentPageListsItsFactsProvenanceLossAndProfileNumbers() throws Exception {
        try (Project p = sample()) {
            long id = new ModelRepository(p).find("long-student-r1").orElseThrow().id();
            ModelPageViewModel vm =
                    new ModelPageViewModel(new SynchronousJobExecutor(), p, id, "long-student-r1");
            assertTrue(vm.loaded().get());
            assertTrue(vm.student().get());
            assertEquals("llama", fact(vm, "Family"));
            assertEquals("322.0 K (321,984)", fact(vm, "Parameters"));
            assertEquals(
                    new ModelRepository(p).find("long-student-r1").orElseThrow().contentHash(),
                    fact(vm, "Weights hash"));
            assertTrue(
                    vm.provenance()
                            .contains(
                                    new ModelPageViewModel.Fact(
                                            "Selection", "longest (max:words)")));
            assertTrue(vm.provenance().contains(new ModelPageViewModel.Fact("Base", "student")));
            // The steering comparison names the long students' arm max-words.
            assertTrue(vm.provenance().contains(new ModelPageViewModel.Fact("Arm", "max-words")));
            assertTrue(vm.settings().contains(new ModelPageViewModel.Fact("epochs", "3")));
            assertFalse(vm.loss().isEmpty());
            assertEquals("long-student-r1: trained student, 1 profile", vm.status().get());
            assertEquals(3, vm.profiles().size());
            assertEquals("words", vm.profiles().get(0).metric());
        }
    }

    @Test
    void aLocalModelHasNoProvenanceAndExportsItsFolder() throws Exception {
        try (Project p = sample()) {
            long id = new ModelRepository(p).find("student").orElseThrow().id();
            ModelPageViewModel vm =
                    new ModelPageViewModel(new SynchronousJobExecutor(), p, id, "student");
            assertFalse(vm.student().get());
            assertTrue(vm.provenance().isEmpty());
            assertTrue(vm.loss().isEmpty());
            assertEquals("student: local model, 0 profiles", vm.status().get());

            // A trained model's files are stored in the project: it exports wherever it was made.
            long trained = new ModelRepository(p).find("clean-student-r2").orElseThrow().id();
            ModelPageViewModel student =
                    new ModelPageViewModel(new SynchronousJobExecutor(), p, trained, "c");
            Path out = dir.resolve("out");
            student.exportTo(out);
            assertEquals("Exported 5 files to " + out, student.status().get());
            assertTrue(Files.isRegularFile(out.resolve("model.safetensors")));
            // A second export to the same folder is refused with the folder named.
            student.exportTo(out);
            assertEquals(
                    "Export failed: " + out + ": already exists; choose a new folder",
                    student.status().get());
        }
    }

    @Test
    void parameterCountsUseTheScaleAReaderExpects() {
        assertEquals("999", ModelPageViewModel.formatCount(999));
        assertEquals("1.2 M (1,234,567)", ModelPageViewModel.formatCount(1_234_567));
        assertEquals("7.00 B (7,000,000,000)", ModelPageViewModel.formatCount(7_000_000_000L));
    }

    @Test
    void profileItRunsTheTextSuiteOnAPromptSetAndReloadsTheProfiles() throws Exception {
        try (Project p = sample()) {
            long id = new ModelRepository(p).find("student").orElseThrow().id();
            ModelPageViewModel vm =
                    new ModelPageViewModel(new SynchronousJobExecutor(), p, id, "student");
            assertEquals(java.util.List.of("instructions"), vm.promptSets());
            assertTrue(vm.local().get());
            assertFalse(ModelPageViewModel.SUITES.contains("judge"));
            assertTrue(vm.profiles().isEmpty());

            vm.profile("text", "instructions", "eval", 2);

            assertFalse(vm.profiling().get());
            assertEquals("student: local model, 1 profile", vm.status().get());
            var stored =
                    new org.heirloom.project.profile.ProfileRepository(p)
                            .latestComplete(id, "text")
                            .orElseThrow();
            var config =
                    new com.fasterxml.jackson.databind.ObjectMapper().readTree(stored.config());
            assertEquals("instructions", config.get("prompt_set").asText());
            assertEquals("eval", config.get("split").asText());
            assertEquals(2, config.get("limit").asInt());
            // Two eval prompts, one sample each (the text suite's default).
            assertEquals(
                    2,
                    new org.heirloom.project.profile.ProfileRepository(p)
                            .items(stored.id())
                            .size());
            // The page shows the new profile's numbers, one row per metric.
            assertTrue(vm.profiles().stream().allMatch(r -> r.suite().equals("text")));
            assertTrue(vm.profiles().stream().anyMatch(r -> r.metric().equals("words")));
        }
    }

    @Test
    void profileItWithAnUnknownPromptSetSaysSoAndStoresNothing() throws Exception {
        try (Project p = sample()) {
            long id = new ModelRepository(p).find("student").orElseThrow().id();
            ModelPageViewModel vm =
                    new ModelPageViewModel(new SynchronousJobExecutor(), p, id, "student");
            vm.profile("text", "no-such-set", null, 0);
            assertFalse(vm.profiling().get());
            assertTrue(vm.status().get().startsWith("Profiling failed: "), vm.status().get());
            assertTrue(vm.status().get().contains("no-such-set"), vm.status().get());
            assertTrue(
                    new org.heirloom.project.profile.ProfileRepository(p)
                            .latestComplete(id, "text")
                            .isEmpty());
        }
    }

    @Test
    void aReadOnlyProjectIsNotProfiled() throws Exception {
        assumeTrue(Files.isRegularFile(BUNDLED), "no bundled sample project in this checkout");
        Path copy = dir.resolve("ro.heirloom");
        Files.copy(BUNDLED, copy);
        try (Project p = Project.open(copy, Project.Mode.READ_ONLY)) {
            long id = new ModelRepository(p).find("student").orElseThrow().id();
            ModelPageViewModel vm =
                    new ModelPageViewModel(new SynchronousJobExecutor(), p, id, "student");
            assertFalse(vm.writable());
            vm.profile("text", "instructions", "eval", 1);
            assertEquals(
                    "Cannot profile: the project is open read-only (open it normally)",
                    vm.status().get());
            assertFalse(vm.profiling().get());
        }
    }
}
