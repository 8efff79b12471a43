package org.heirloom.cli.train;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.heirloom.cli.UserInputException;
import org.heirloom.project.Project;
import org.heirloom.train.export.StudentImporter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code heirloom import-student PROJECT DIR --selection S [--replicate N] [--name M]}. */
@Command(
        name = "import-student",
        mixinStandardHelpOptions = true,
        description =
                "Register a Hugging Face checkpoint trained elsewhere as a student of a selection"
                        + " (profiled and compared like a local student).")
public final class ImportStudentCommand implements Callable<Integer> {

    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "PROJECT", description = "Project file.")
    Path project;

    @Parameters(index = "1", paramLabel = "DIR", description = "Checkpoint folder (HF layout).")
    Path dir;

    @Option(names = "--selection", required = true, description = "Selection it was trained on.")
    String selection;

    @Option(
            names = "--replicate",
            description = "Replicate index (default: from heirloom-job.json, else none).")
    Integer replicate;

    @Option(
            names = "--name",
            description = "Model name (default: the job's student, else SELECTION[-rN]).")
    String name;

    @Override
    public Integer call() throws Exception {
        if (!Files.isRegularFile(project)) {
            throw new UserInputException(project + ": no such project file");
        }
        StudentImporter.Imported r;
        try (Project p = Project.open(project)) {
            r = new StudentImporter(p).register(dir, selection, replicate, name);
        }
        PrintWriter out = spec.commandLine().getOut();
        out.printf(
                "Registered '%s' as a student of selection '%s' (weights sha256 %s%s)%n",
                r.name(),
                selection,
                r.weightsHash().substring(0, 12),
                r.fromJob() ? ", provenance from " + StudentImporter.JOB_FILE : "");
        out.flush();
        return 0;
    }
}
