package org.heirloom.cli.sample;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.heirloom.cli.ConsoleProgress;
import org.heirloom.cli.UserInputException;
import org.heirloom.job.CancellationToken;
import org.heirloom.job.JobContext;
import org.heirloom.sample.models.SampleModelBuilder;
import org.heirloom.sample.models.SampleModelSpec;
import org.heirloom.settings.AppDirs;
import org.heirloom.train.Trainer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code heirloom build-sample-models}: trains the bundled sample teacher and base student from
 * scratch on the procedural corpus (docs/sample.md).
 */
@Command(
        name = "build-sample-models",
        mixinStandardHelpOptions = true,
        description = {
            "Rebuild the bundled sample models (assets/models/teacher, assets/models/student) from"
                    + " scratch: procedural corpus, word-level tokenizer, random init, our trainer.",
            "Same weights on every rebuild with one thread and MKL_CBWR=COMPATIBLE in the"
                    + " environment."
        })
public final class BuildSampleModelsCommand implements Callable<Integer> {

    /** Which models to build. */
    enum Only {
        teacher,
        student
    }

    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Option(
            names = "--out",
            paramLabel = "DIR",
            description = "Output folder (default: assets/models under the install folder).")
    Path out;

    @Option(
            names = "--only",
            paramLabel = "teacher|student",
            description = "Build one model only (the tokenizer is still shared).")
    Only only;

    @Option(
            names = "--threads",
            defaultValue = "1",
            description = "Torch intra-op threads (default 1: reproducible weights).")
    int threads;

    @Override
    public Integer call() throws IOException {
        if (threads < 1) {
            throw new UserInputException("--threads must be >= 1, got " + threads);
        }
        Path target = out != null ? out : AppDirs.installDir().resolve("assets").resolve("models");
        PrintWriter w = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (!"COMPATIBLE".equals(System.getenv("MKL_CBWR"))) {
            err.println(
                    "heirloom: note: MKL_CBWR=COMPATIBLE is not set; weights may differ in the last"
                            + " bits between processes (docs/training.md)");
            err.flush();
        }
        List<SampleModelSpec> all = SampleModelSpec.shipped();
        for (SampleModelSpec s : all) {
            if (only != null && !only.name().equals(s.name())) {
                continue;
            }
            SampleModelBuilder.Built b;
            try (ConsoleProgress progress = new ConsoleProgress("build " + s.name())) {
                b =
                        SampleModelBuilder.build(
                                all,
                                s,
                                target,
                                threads,
                                Trainer.Listener.NONE,
                                new JobContext(progress, new CancellationToken()));
            }
            w.printf(
                    "%s: %,d parameters, vocab %d, %d steps, train loss %.4f, held-out loss %.4f,"
                            + " %.0f s -> %s%n",
                    s.name(),
                    b.parameters(),
                    b.vocab(),
                    b.outcome().totalSteps(),
                    b.outcome().lastTrainLoss(),
                    b.outcome().lastHeldoutLoss(),
                    b.seconds(),
                    b.dir());
            w.flush();
        }
        return 0;
    }
}
