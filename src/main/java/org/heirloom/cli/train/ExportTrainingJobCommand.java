package org.heirloom.cli.train;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.heirloom.cli.UserInputException;
import org.heirloom.project.Project;
import org.heirloom.project.run.SelectionRepository;
import org.heirloom.train.ModelStore;
import org.heirloom.train.TrainingConfig;
import org.heirloom.train.data.SelectionTrainingData;
import org.heirloom.train.data.TrainingData;
import org.heirloom.train.export.TrlJobExporter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code heirloom export-training-job PROJECT --selection S --engine trl --out DIR}: one student
 * arm as a job for Hugging Face TRL on a GPU machine. Takes the options of {@code train}, so the
 * job trains what {@code train --selection S} would (docs/scale-out.md).
 */
@Command(
        name = "export-training-job",
        mixinStandardHelpOptions = true,
        description =
                "Write a training job (data, TRL SFTConfig, launch scripts, manifest) that trains a"
                        + " selection's student on an existing engine as `train` would.")
public final class ExportTrainingJobCommand implements Callable<Integer> {

    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "PROJECT", description = "Project file.")
    Path project;

    @Option(names = "--selection", required = true, description = "Selection to train on.")
    String selection;

    @Option(
            names = "--split",
            paramLabel = "SPLIT",
            description = "Only prompts of this split (e.g. train), as train --split.")
    String split;

    @Option(names = "--engine", defaultValue = "trl", description = "Training engine: trl.")
    String engine;

    @Option(names = "--out", required = true, description = "New folder for the job.")
    Path out;

    @Option(
            names = "--base",
            required = true,
            paramLabel = "DIR_OR_MODEL",
            description = "Base model: a Hugging Face folder or a model of the project.")
    String base;

    @Option(
            names = "--name",
            paramLabel = "MODEL",
            description = "Student name (default: the selection's name).")
    String name;

    @Mixin TrainingOptions training;

    @Override
    public Integer call() throws Exception {
        if (!Files.isRegularFile(project)) {
            throw new UserInputException(project + ": no such project file");
        }
        if (!"trl".equals(engine)) {
            throw new UserInputException("--engine: only 'trl' is supported, got '" + engine + "'");
        }
        TrainingConfig config;
        try {
            config = training.config();
            if (training.replicates < 1) {
                throw new IllegalArgumentException(
                        "--replicates must be at least 1, got " + training.replicates);
            }
        } catch (IllegalArgumentException e) {
            throw new UserInputException(e.getMessage());
        }
        final TrainingConfig cfg = config;
        var manifest =
                withProject(
                        p -> {
                            TrainingData data = SelectionTrainingData.load(p, selection, split);
                            long selectionId = new SelectionRepository(p).require(selection).id();
                            Path baseDir = new ModelStore(p).resolveBase(base).location();
                            return TrlJobExporter.export(
                                    new TrlJobExporter.Job(
                                            name != null ? name : selection,
                                            baseDir,
                                            project.getFileName().toString(),
                                            selection,
                                            selectionId,
                                            split,
                                            data,
                                            cfg,
                                            training.seed,
                                            training.replicates),
                                    out);
                        });
        PrintWriter w = spec.commandLine().getOut();
        w.printf(
                "Wrote a TRL %s training job for selection '%s' (%d examples, %d replicates) to"
                        + " %s%n",
                TrlJobExporter.TRL_VERSION,
                selection,
                manifest.get("examples").asInt(),
                training.replicates,
                out);
        w.flush();
        return 0;
    }

    private interface Body<T> {
        T run(Project p) throws Exception;
    }

    private <T> T withProject(Body<T> body) throws Exception {
        try (Project p = Project.open(project)) {
            return body.run(p);
        }
    }
}
