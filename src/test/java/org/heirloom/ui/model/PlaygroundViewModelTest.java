package org.heirloom.ui.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.heirloom.job.JobContext;
import org.heirloom.job.SynchronousJobExecutor;
import org.heirloom.model.LocalModel;
import org.heirloom.model.PromptGeneration;
import org.heirloom.model.generate.GenerationOptions;
import org.heirloom.model.template.PromptTemplate;
import org.heirloom.profile.ProfileOptions;
import org.heirloom.project.Project;
import org.heirloom.teacher.TemplateOptions;
import org.heirloom.train.ModelStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The playground without a window, on a trained student of the bundled sample: synchronous jobs,
 * and UI updates run at once.
 */
class PlaygroundViewModelTest {

    static final String STUDENT = "random-student-r0";

    @TempDir Path dir;

    private Project sample() throws Exception {
        assumeTrue(
                Files.isRegularFile(ModelPageViewModelTest.BUNDLED),
                "no bundled sample project in this checkout");
        Path copy = dir.resolve("sample.heirloom");
        Files.copy(ModelPageViewModelTest.BUNDLED, copy);
        return Project.open(copy);
    }

    /** The same generation through the plain (non-streaming) path. */
    private static String plain(
            Project p, String template, String prompt, GenerationOptions o, long seed)
            throws Exception {
        try (LocalModel m = LocalModel.load(new ModelStore(p).folderOf(STUDENT))) {
            return PromptGeneration.generate(
                            m,
                            PromptTemplate.parse(template, m, TemplateOptions.NONE),
                            prompt,
                            o,
                            List.of(seed),
                            JobContext.none())
                    .completions()
                    .get(0)
                    .text();
        }
    }

    @Test
    void streamedTextEqualsThePlainGenerationForTheSameSettings() throws Exception {
        try (Project p = sample();
                PlaygroundViewModel vm =
                        new PlaygroundViewModel(
                                new SynchronousJobExecutor(), p, STUDENT, Runnable::run)) {
            vm.open();
            assertTrue(vm.ready().get(), vm.status().get());
            // The student was trained with the toolkit's Q&A template: offered first, not twice.
            assertEquals("Trained template", vm.templates().get(0).label());
            assertEquals(ProfileOptions.QA_TEMPLATE, vm.templates().get(0).spec());
            assertEquals(
                    List.of("Trained template", "Free text"),
                    vm.templates().stream()
                            .map(PlaygroundViewModel.TemplateChoice::label)
                            .toList());

            String prompt = "Describe a quiet morning by the sea.";
            vm.prompt().set(prompt);
            vm.maxNewTokens().set(40);
            vm.temperature().set(1.0);
            vm.topP().set(0.9);
            vm.seed().set(7);
            vm.run();
            String sampled =
                    plain(
                            p,
                            ProfileOptions.QA_TEMPLATE,
                            prompt,
                            new GenerationOptions(40, 1.0, 0.9, 0, 1.0, List.of()),
                            7);
            assertFalse(sampled.isEmpty());
            assertEquals(sampled, vm.output().get());
            assertFalse(vm.running().get());
            assertTrue(vm.tokens().get() > 0);
            assertTrue(vm.tokensPerSecond().get() > 0);
            assertTrue(vm.status().get().endsWith(" tok/s"), vm.status().get());

            // Greedy, free text: again the plain output.
            vm.template().set(vm.templates().get(1));
            vm.temperature().set(0);
            vm.maxNewTokens().set(25);
            vm.run();
            assertEquals(
                    plain(p, "raw", prompt, GenerationOptions.greedy(25), 0), vm.output().get());
        }
    }

    @Test
    void cancelStopsAtTheNextTokenAndKeepsTheTextSoFar() throws Exception {
        try (Project p = sample()) {
            AtomicReference<PlaygroundViewModel> ref = new AtomicReference<>();
            AtomicInteger updates = new AtomicInteger();
            // Cancel from the third UI update, as a click on Cancel would arrive mid-run.
            PlaygroundViewModel vm =
                    new PlaygroundViewModel(
                            new SynchronousJobExecutor(),
                            p,
                            STUDENT,
                            r -> {
                                r.run();
                                if (ref.get().running().get() && updates.incrementAndGet() == 3) {
                                    ref.get().cancel();
                                }
                            });
            ref.set(vm);
            try (vm) {
                vm.open();
                vm.prompt().set("Tell a long story about a lighthouse.");
                vm.temperature().set(1.0);
                vm.topP().set(1.0);
                vm.maxNewTokens().set(120);
                vm.run();
                assertFalse(vm.running().get());
                assertEquals(3, vm.tokens().get());
                assertTrue(vm.status().get().startsWith("Cancelled: 3 tokens"), vm.status().get());
                // The three tokens' text stayed: a prefix of the uncancelled generation.
                String full =
                        plain(
                                p,
                                ProfileOptions.QA_TEMPLATE,
                                "Tell a long story about a lighthouse.",
                                new GenerationOptions(120, 1.0, 1.0, 0, 1.0, List.of()),
                                0);
                assertTrue(full.length() > vm.output().get().length());
                assertTrue(full.startsWith(vm.output().get()), vm.output().get());
            }
        }
    }

    @Test
    void badSettingsAreOneClearLineAndNoRun() throws Exception {
        try (Project p = sample();
                PlaygroundViewModel vm =
                        new PlaygroundViewModel(
                                new SynchronousJobExecutor(), p, STUDENT, Runnable::run)) {
            vm.open();
            vm.systemPrompt().set("You are terse.");
            vm.prompt().set("Hi");
            vm.run();
            assertFalse(vm.running().get());
            assertEquals("", vm.output().get());
            assertEquals(
                    "a system prompt and template kwargs need template 'chat', not '"
                            + ProfileOptions.QA_TEMPLATE
                            + "'",
                    vm.status().get());

            // More new tokens than the model's context holds: refused with the reason.
            vm.systemPrompt().set("");
            vm.maxNewTokens().set(5000);
            vm.run();
            assertFalse(vm.running().get());
            assertTrue(vm.status().get().startsWith("Failed: "), vm.status().get());
            assertTrue(vm.status().get().contains("context"), vm.status().get());
        }
    }

    @Test
    void aChatTemplateTakesTheSystemPromptAsTheEngineRendersIt() throws Exception {
        Path shared = org.heirloom.model.Fixtures.model("tiny-qwen2");
        // A copy of a shared tiny model with a chat template of our own (the fixtures have none).
        Path folder = dir.resolve("chatty");
        Files.createDirectories(folder);
        try (var files = Files.list(shared)) {
            for (Path f : files.toList()) {
                Files.copy(f, folder.resolve(f.getFileName()));
            }
        }
        Files.writeString(
                folder.resolve("tokenizer_config.json"),
                "{\"chat_template\": \"{% for m in messages %}<{{ m.role }}>{{ m.content }}\\n"
                        + "{% endfor %}{% if add_generation_prompt %}<assistant>{% endif %}\"}");
        try (Project p = sample()) {
            new org.heirloom.profile.ProfileService(p, org.heirloom.run.MetricResolver.standard())
                    .resolveModel(folder.toString(), "chatty");
            try (PlaygroundViewModel vm =
                    new PlaygroundViewModel(
                            new SynchronousJobExecutor(), p, "chatty", Runnable::run)) {
                vm.open();
                assertTrue(vm.ready().get(), vm.status().get());
                // Not trained here: its chat template first, then Q&A and free text.
                assertEquals(
                        List.of("Chat template", "Q&A", "Free text"),
                        vm.templates().stream()
                                .map(PlaygroundViewModel.TemplateChoice::label)
                                .toList());
                vm.systemPrompt().set("Be brief.");
                vm.prompt().set("Hello there");
                vm.temperature().set(0);
                vm.maxNewTokens().set(12);
                vm.run();
                String expected;
                try (LocalModel m = LocalModel.load(folder)) {
                    PromptTemplate chat =
                            PromptTemplate.parse(
                                    "chat", m, TemplateOptions.NONE.withSystem("Be brief."));
                    assertEquals(
                            "<system>Be brief.\n<user>Hello there\n<assistant>",
                            chat.render("Hello there"));
                    expected =
                            PromptGeneration.generate(
                                            m,
                                            chat,
                                            "Hello there",
                                            GenerationOptions.greedy(12),
                                            List.of(0L),
                                            JobContext.none())
                                    .completions()
                                    .get(0)
                                    .text();
                }
                assertFalse(expected.isEmpty());
                assertEquals(expected, vm.output().get());
                assertTrue(vm.status().get().startsWith("Done"), vm.status().get());
            }
        }
    }
}
