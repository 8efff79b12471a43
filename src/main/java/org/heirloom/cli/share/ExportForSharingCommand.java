package org.heirloom.cli.share;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.heirloom.project.Project;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code heirloom export-for-sharing FILE OUT}: one self-contained file for a colleague. */
@Command(
        name = "export-for-sharing",
        mixinStandardHelpOptions = true,
        description = "Write a single self-contained copy of a project to send to a colleague.")
public final class ExportForSharingCommand implements Callable<Integer> {

    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "Project file.")
    Path file;

    @Parameters(index = "1", paramLabel = "OUT", description = "File to write (must not exist).")
    Path out;

    @Option(
            names = "--without-model-files",
            description = "Leave out model weights stored in the project.")
    boolean withoutModelFiles;

    @Override
    public Integer call() {
        try (Project p = Project.open(file, Project.Mode.READ_ONLY)) {
            p.exportForSharing(out, !withoutModelFiles);
        }
        spec.commandLine().getOut().println("Wrote " + out);
        return 0;
    }
}
