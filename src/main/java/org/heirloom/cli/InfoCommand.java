package org.heirloom.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.heirloom.project.Project;
import org.heirloom.project.ProjectInfo;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code heirloom info FILE [--json]}: what a project holds. Never modifies the file. */
@Command(
        name = "info",
        mixinStandardHelpOptions = true,
        description = "Show a project's schema version and contents.")
final class InfoCommand implements Callable<Integer> {

    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "FILE", description = "Project file.")
    Path file;

    @Option(names = "--json", description = "Print one JSON object.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        ProjectInfo info;
        try (Project p = Project.open(file, Project.Mode.READ_ONLY)) {
            info = p.info();
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(new ObjectMapper().writeValueAsString(info));
        } else {
            out.printf("Project:      %s%n", info.name());
            out.printf("File:         %s%n", info.file());
            out.printf("Schema:       %d%n", info.schemaVersion());
            out.printf("Prompt sets:  %d (%d prompts)%n", info.promptSets(), info.prompts());
            out.printf("Models:       %d%n", info.models());
            out.printf("Runs:         %d (%d candidates)%n", info.runs(), info.candidates());
            out.printf("Recipes:      %d%n", info.recipes());
        }
        out.flush();
        return 0;
    }
}
