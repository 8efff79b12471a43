package org.heirloom.recipe.stage;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.heirloom.job.JobContext;
import org.heirloom.project.Project;
import org.heirloom.recipe.Recipe;
import org.heirloom.recipe.RecipeStage;
import org.heirloom.run.Exporter;

/**
 * The recipe's files. Exports are idempotent rather than resumable: every run rewrites them (with
 * the same content, since runs and selections never change once made), so a file edited or removed
 * by hand comes back; the plan names the files not there yet.
 */
public final class ExportsStage implements Stage {

    private final Project project;
    private final Path base;
    private final String run;
    private final List<Recipe.Export> exports;

    /**
     * @param base the recipe's folder, against which export paths resolve
     */
    public ExportsStage(Project project, Path base, String run, List<Recipe.Export> exports) {
        this.project = project;
        this.base = base;
        this.run = run;
        this.exports = List.copyOf(exports);
    }

    @Override
    public RecipeStage kind() {
        return RecipeStage.EXPORTS;
    }

    @Override
    public List<String> plan() {
        List<String> out = new ArrayList<>();
        for (Recipe.Export e : exports) {
            Path file = base.resolve(e.out()).normalize();
            if (!Files.exists(file)) {
                out.add("export -> " + file);
            }
        }
        return out;
    }

    @Override
    public void run(JobContext ctx, Consumer<String> report) throws Exception {
        Exporter exporter = new Exporter(project);
        for (Recipe.Export e : exports) {
            Path out = base.resolve(e.out()).normalize();
            if (e.type() == Recipe.Export.Type.CANDIDATES) {
                long n = exporter.exportCandidates(run, out);
                report.accept("export: " + n + " candidates -> " + out);
            } else {
                Exporter.DatasetFormat fmt =
                        e.format().equals("chat")
                                ? Exporter.DatasetFormat.CHAT
                                : Exporter.DatasetFormat.JSONL;
                long n =
                        exporter.exportDataset(
                                e.selection(), fmt, e.split(), out, Exporter.defaultManifest(out));
                report.accept("export: " + n + " examples of '" + e.selection() + "' -> " + out);
            }
        }
    }
}
