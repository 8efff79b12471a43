package org.heirloom.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.heirloom.sample.SampleProjectBuilder;
import org.heirloom.sample.SampleProjects;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code heirloom build-sample-project}: rebuilds the bundled sample project from our code. */
@Command(
        name = "build-sample-project",
        mixinStandardHelpOptions = true,
        description = "Rebuild the bundled sample project (sample-projects/sample.heirloom).")
final class BuildSampleProjectCommand implements Callable<Integer> {

    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Option(
            names = "--out",
            description = "Where to write it (default: the bundled location). Replaced if present.")
    Path out;

    @Override
    public Integer call() throws IOException {
        Path target = out != null ? out : SampleProjects.bundled();
        Path tmp = target.resolveSibling(target.getFileName() + ".building");
        Files.deleteIfExists(tmp);
        SampleProjectBuilder.build(tmp);
        Files.move(tmp, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        spec.commandLine().getOut().println("Wrote " + target);
        return 0;
    }
}
