package org.heirloom.cli.sample;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.heirloom.cli.ConsoleProgress;
import org.heirloom.sample.SampleProjectBuilder;
import org.heirloom.sample.SampleProjects;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code heirloom build-sample-project}: runs the sample recipe (Heirloom's own models and prompts)
 * into the bundled sample project.
 */
@Command(
        name = "build-sample-project",
        mixinStandardHelpOptions = true,
        description = {
            "Rebuild the bundled sample experiment (sample-projects/sample.heirloom) by running"
                    + " sample-projects/sample-recipe.yaml with the models in assets/models"
                    + " (about 5-10 min on 2 cores). An interrupted build resumes; --fresh starts"
                    + " over."
        })
public final class BuildSampleProjectCommand implements Callable<Integer> {

    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--out", description = "Where to write it (default: the bundled location).")
    Path out;

    @Option(
            names = "--fresh",
            description = "Delete the project (and its trained models) first, then build anew.")
    boolean fresh;

    @Override
    public Integer call() throws Exception {
        Path target = out != null ? out : SampleProjects.bundled();
        Path models = target.resolveSibling(target.getFileName() + ".models");
        if (fresh) {
            for (String suffix : new String[] {"", "-wal", "-shm"}) {
                Files.deleteIfExists(target.resolveSibling(target.getFileName() + suffix));
            }
            deleteTree(models);
        }
        PrintWriter o = spec.commandLine().getOut();
        SampleProjectBuilder.build(
                target,
                ConsoleProgress.context(spec.commandLine().getErr()),
                line -> {
                    o.println(line);
                    o.flush();
                });
        o.println("Wrote " + target);
        return 0;
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
