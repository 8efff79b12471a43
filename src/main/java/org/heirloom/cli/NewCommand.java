package org.heirloom.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.heirloom.project.Project;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code heirloom new FILE}: creates an empty project file. */
@Command(
        name = "new",
        mixinStandardHelpOptions = true,
        description = "Create a new, empty project file.")
final class NewCommand implements Callable<Integer> {

    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(
            paramLabel = "FILE",
            description = "Project file to create (conventionally *.heirloom).")
    Path file;

    @Option(names = "--name", description = "Display name (default: the file name).")
    String name;

    @Override
    public Integer call() {
        String display = name;
        if (display == null) {
            String f = file.getFileName().toString();
            display = f.endsWith(".heirloom") ? f.substring(0, f.length() - 9) : f;
        }
        try (Project p = Project.create(file, display)) {
            spec.commandLine()
                    .getOut()
                    .println("Created " + file + " (schema " + p.schemaVersion() + ")");
        }
        return 0;
    }
}
