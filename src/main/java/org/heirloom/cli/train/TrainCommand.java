package org.heirloom.cli.train;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.heirloom.cli.ConsoleProgress;
import org.heirloom.cli.UserInputException;
import org.heirloom.job.CancellationToken;
import org.heirloom.job.JobContext;
import org.heirloom.project.Project;
import org.heirloom.train.TrainingConfig;
import org.heirloom.train.TrainingPlan;
import org.heirloom.train.TrainingService;
import org.heirloom.train.data.JsonlTrainingData;
import org.heirloom.train.data.SelectionTrainingData;
import org.heirloom.train.data.TrainingData;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code heirloom train PROJECT --base M (--data FILE | --selection NAME) --name NAME ...}:
 * fine-tune students.
 */
@Command(
        name = "train",
        mixinStandardHelpOptions = true,
        description =
                "Fine-tune a student on prompt/completion pairs (loss on completions only);"
                        + " re-running the same command resumes an interrupted training.")
public final class TrainCommand implements Callable<Integer> {

    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "PROJECT", description = "Project file.")
    Path project;

    @Option(
            names = "--base",
            required = true,
            paramLabel = "DIR_OR_MODEL",
            description = "Base model: a Hugging Face folder or a model of the project.")
    String base;

    @Option(
            names = "--data",
            paramLabel = "FILE",
            description = "JSONL of {\"prompt\", \"completion\"} (what export-dataset writes).")
    Path data;

    @Option(
            names = "--selection",
            paramLabel = "SELECTION",
            description = "Train on a selection stored in the project (instead of --data).")
    String selection;

    @Option(
            names = "--split",
            paramLabel = "SPLIT",
            description = "With --selection: only prompts of this split (e.g. train).")
    String split;

    @Option(
            names = "--name",
            required = true,
            paramLabel = "MODEL",
            description = "New model name.")
    String name;

    @Mixin TrainingOptions training;

    @Override
    public Integer call() throws Exception {
        if (!Files.isRegularFile(project)) {
            throw new UserInputException(project + ": no such project file");
        }
        TrainingConfig config;
        TrainingData dataset;
        try {
            config = training.config();
            if ((data == null) == (selection == null)) {
                throw new UserInputException("train: give either --data FILE or --selection NAME");
            }
            dataset = data != null ? JsonlTrainingData.read(data) : null;
        } catch (IllegalArgumentException e) {
            throw new UserInputException(e.getMessage());
        }
        checkBaseFolder(base);
        if (dataset == null) {
            try (Project p = Project.open(project, Project.Mode.READ_ONLY)) {
                dataset = SelectionTrainingData.load(p, selection, split);
            }
        }
        TrainingPlan plan =
                new TrainingPlan(name, base, dataset, config, training.seed, training.replicates);
        List<TrainingService.TrainedModel> done;
        try (Project p = Project.open(project);
                ConsoleProgress progress = new ConsoleProgress("train " + name)) {
            done =
                    new TrainingService(p)
                            .train(plan, new JobContext(progress, new CancellationToken()));
        }
        PrintWriter out = spec.commandLine().getOut();
        for (TrainingService.TrainedModel m : done) {
            if (m.outcome() == null) {
                out.printf("%s: already trained (%s)%n", m.name(), m.folder());
                continue;
            }
            var o = m.outcome();
            out.printf(
                    "%s: %d steps%s, %d train / %d held-out examples%s, train loss %.4f,"
                            + " held-out loss %s, seed %d -> %s%n",
                    m.name(),
                    o.totalSteps(),
                    o.resumedFrom() > 0 ? " (resumed at " + o.resumedFrom() + ")" : "",
                    o.trainExamples(),
                    o.heldoutExamples(),
                    o.dropped() > 0 ? " (" + o.dropped() + " too long, dropped)" : "",
                    o.lastTrainLoss(),
                    Double.isNaN(o.lastHeldoutLoss())
                            ? "-"
                            : String.format("%.4f", o.lastHeldoutLoss()),
                    m.seed(),
                    m.folder());
        }
        out.flush();
        return 0;
    }

    /**
     * A base given as a model folder is checked (config, tokenizer, weight headers; the weights are
     * mapped, not loaded) before the project opens: a broken folder would otherwise be registered
     * as a model of the project and then fail to load.
     */
    private static void checkBaseFolder(String base) throws java.io.IOException {
        Path dir = Path.of(base);
        if (!Files.isRegularFile(dir.resolve("config.json"))) {
            return; // a model of the project, resolved later
        }
        org.heirloom.model.ModelConfig.read(dir);
        org.heirloom.model.ModelTokenizer.open(dir).close();
        org.heirloom.model.safetensors.SafeTensors.readModelDir(dir);
    }
}
