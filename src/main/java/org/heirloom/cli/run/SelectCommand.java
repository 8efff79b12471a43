package org.heirloom.cli.run;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.heirloom.cli.UserInputException;
import org.heirloom.project.Project;
import org.heirloom.run.SelectionService;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code heirloom select PROJECT --run RUN --strategy STRATEGY --name SELECTION}. */
@Command(
        name = "select",
        mixinStandardHelpOptions = true,
        description = {
            "Keep one candidate per prompt by a selection strategy.",
            "Examples: max:mtld, 'filter:words>=50,max:mtld - 40*toxicity', target:words=120,",
            "zsum:mtld=1;toxicity=-1, lex:max:mtld;min:toxicity, pareto:max:mtld;min:toxicity,",
            "random, first, greedy. Grammar and tie-breaking: docs/runs.md."
        })
public final class SelectCommand implements Callable<Integer> {

    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "PROJECT", description = "Project file.")
    Path project;

    @Option(names = "--run", required = true, description = "Run name.")
    String run;

    @Option(
            names = "--strategy",
            required = true,
            description = "Selection strategy (docs/runs.md).")
    String strategy;

    @Option(names = "--name", required = true, description = "Name of the new selection.")
    String name;

    @Override
    public Integer call() {
        if (name == null || name.isBlank()) {
            throw new UserInputException("--name: a selection needs a name");
        }
        SelectionService.Result r;
        try (Project p = Project.open(project)) {
            // Re-running a finished select (same run, same strategy) is a no-op; a different
            // selection under the name is still an error.
            r = new SelectionService(p).select(run, strategy, name, true);
        }
        PrintWriter out = spec.commandLine().getOut();
        if (r.reused()) {
            out.printf(
                    "Selection '%s' already exists with this run and strategy (%d prompts kept);"
                            + " nothing to do%n",
                    name, r.selected());
            out.flush();
            return 0;
        }
        out.printf(
                "Selection '%s': %d of %d prompts kept (%d without an eligible candidate)%n",
                name, r.selected(), r.prompts(), r.skipped());
        out.println(r.selection().summary());
        out.flush();
        return 0;
    }
}
