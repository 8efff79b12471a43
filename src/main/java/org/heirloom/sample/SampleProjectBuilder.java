package org.heirloom.sample;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.heirloom.job.JobContext;
import org.heirloom.project.Project;
import org.heirloom.project.PromptInput;
import org.heirloom.project.PromptSetRepository;
import org.heirloom.recipe.Recipe;
import org.heirloom.recipe.RecipeParser;
import org.heirloom.recipe.RecipeRunner;
import org.heirloom.run.MetricResolver;
import org.heirloom.sample.corpus.SampleCorpus;
import org.heirloom.sample.corpus.SamplePrompt;
import org.heirloom.settings.AppDirs;
import org.heirloom.teacher.TeacherEnvironment;
import org.heirloom.train.ModelStore;

/**
 * Builds the bundled sample experiment: {@code sample-projects/sample-recipe.yaml} run with the
 * models Heirloom made itself ({@code assets/models}) on prompts its corpus generator writes.
 */
public final class SampleProjectBuilder {

    public static final String NAME = "Sample: active inheritance";
    public static final String PROMPT_SET = "instructions";

    /** Seed and size of the sample prompts ({@code sample-projects/sample/prompts.jsonl}). */
    public static final long PROMPT_SEED = 2024;

    public static final int PROMPT_COUNT = 96;

    private static final ObjectMapper JSON = new ObjectMapper();

    private SampleProjectBuilder() {}

    /** The recipe beside the bundled project. */
    public static Path recipe() {
        return AppDirs.installDir().resolve("sample-projects").resolve("sample-recipe.yaml");
    }

    /** The prompts file, one {@code {"prompt": ...}} per line, as our generator writes it. */
    public static String promptsJsonl() {
        StringBuilder sb = new StringBuilder();
        for (SamplePrompt p : SampleCorpus.prompts(PROMPT_SEED, PROMPT_COUNT)) {
            try {
                sb.append(JSON.writeValueAsString(Map.of("prompt", p.text()))).append('\n');
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
        return sb.toString();
    }

    /**
     * Runs the sample recipe into {@code file} (created, or resumed where a previous build
     * stopped), after writing the prompts file the recipe imports.
     *
     * @param log receives one line per completed stage unit
     */
    public static void build(Path file, JobContext ctx, Consumer<String> log) throws Exception {
        Path recipeFile = recipe();
        if (!Files.isRegularFile(recipeFile)) {
            throw new IllegalArgumentException(
                    recipeFile + ": the sample recipe is missing (is this a full installation?)");
        }
        Path prompts = recipeFile.resolveSibling("sample").resolve("prompts.jsonl");
        String text = promptsJsonl();
        if (!Files.exists(prompts) || !Files.readString(prompts).equals(text)) {
            Files.createDirectories(prompts.getParent());
            Files.writeString(prompts, text, StandardCharsets.UTF_8);
        }
        String yaml = Files.readString(recipeFile, StandardCharsets.UTF_8);
        TeacherEnvironment env =
                TeacherEnvironment.system().withBaseDir(recipeFile.toAbsolutePath().getParent());
        Recipe recipe = RecipeParser.parse(yaml, recipeFile.toString(), env);
        try (Project p = Files.exists(file) ? Project.open(file) : Project.create(file, NAME)) {
            new RecipeRunner(p, env, MetricResolver.standard(), null).run(recipe, yaml, ctx, log);
            // The bundle travels: it names its models' folders relative to itself or to the
            // installation, never by this machine's absolute paths.
            new ModelStore(p).makeLocationsPortable(AppDirs.installDir());
            p.compact();
        }
    }

    /**
     * Where no bundle is installed (a bare jar): a project holding the sample prompts, so the
     * workbench still opens on something real; {@code heirloom build-sample-project} makes the
     * whole experiment.
     */
    public static void buildPromptsOnly(Path file) {
        try (Project p = Project.create(file, NAME)) {
            List<PromptInput> inputs =
                    SampleCorpus.prompts(PROMPT_SEED, PROMPT_COUNT).stream()
                            .map(s -> PromptInput.of(s.text()))
                            .toList();
            new PromptSetRepository(p)
                    .create(PROMPT_SET, "written by Heirloom's sample corpus generator", inputs);
        }
    }
}
