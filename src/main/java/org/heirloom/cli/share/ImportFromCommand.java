package org.heirloom.cli.share;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.heirloom.cli.ConsoleProgress;
import org.heirloom.cli.UserInputException;
import org.heirloom.project.Project;
import org.heirloom.share.ImportContents;
import org.heirloom.share.ImportReport;
import org.heirloom.share.ImportRequest;
import org.heirloom.share.ProjectImporter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code heirloom import-from TARGET SOURCE}: copy runs and profiles from another project. */
@Command(
        name = "import-from",
        mixinStandardHelpOptions = true,
        description = {
            "Import runs (with prompt set, models, candidates, scores, selections, trainings) and"
                    + " profiles from another project. Importing the same thing again adds nothing;"
                    + " a name used here for something different gets ' (from SOURCE)' appended.",
            "The source is opened read-only and never changed."
        })
public final class ImportFromCommand implements Callable<Integer> {

    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "TARGET", description = "Project to import into.")
    Path target;

    @Parameters(index = "1", paramLabel = "SOURCE", description = "Project to import from.")
    Path source;

    @Option(names = "--run", paramLabel = "NAME", description = "A run to import (repeatable).")
    List<String> runs = new ArrayList<>();

    @Option(
            names = "--profile",
            paramLabel = "ID",
            description = "A profile to import, by id (repeatable).")
    List<Long> profiles = new ArrayList<>();

    @Option(names = "--all", description = "Import every run, profile and training.")
    boolean all;

    @Override
    public Integer call() {
        try (Project from = Project.open(source, Project.Mode.READ_ONLY)) {
            if (!all && runs.isEmpty() && profiles.isEmpty()) {
                ImportContents offered = ImportContents.of(from);
                StringBuilder sb =
                        new StringBuilder(
                                "nothing chosen: name runs with --run, profiles with --profile, or use --all.");
                sb.append(" ").append(source).append(" holds runs: ");
                sb.append(
                        offered.runNames().isEmpty()
                                ? "none"
                                : String.join(", ", offered.runNames()));
                sb.append("; profiles: ");
                sb.append(
                        offered.profiles().isEmpty()
                                ? "none"
                                : String.join(
                                        ", ",
                                        offered.profiles().stream()
                                                .map(ImportContents.ProfileEntry::describe)
                                                .toList()));
                throw new UserInputException(sb.toString());
            }
            ImportRequest request =
                    all ? ImportRequest.everything() : ImportRequest.of(runs, profiles);
            ImportReport report;
            try (Project into = Project.open(target)) {
                report =
                        new ProjectImporter(into, from)
                                .run(request, ConsoleProgress.context(spec.commandLine().getErr()));
            }
            for (String line : report.summary()) {
                spec.commandLine().getOut().println(line);
            }
        }
        return 0;
    }
}
