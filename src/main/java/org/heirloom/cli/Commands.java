package org.heirloom.cli;

import org.heirloom.cli.bench.BenchCommand;
import org.heirloom.cli.export.ExportCandidatesCommand;
import org.heirloom.cli.export.ExportChartsCommand;
import org.heirloom.cli.export.ExportDatasetCommand;
import org.heirloom.cli.metrics.MetricsCommand;
import org.heirloom.cli.profile.CompareCommand;
import org.heirloom.cli.profile.ProfileCommand;
import org.heirloom.cli.prompt.ImportPromptsCommand;
import org.heirloom.cli.run.GenerateCandidatesCommand;
import org.heirloom.cli.run.GenerateCommand;
import org.heirloom.cli.run.RunRecipeCommand;
import org.heirloom.cli.run.ScoreCommand;
import org.heirloom.cli.run.SelectCommand;
import org.heirloom.cli.sample.BuildSampleModelsCommand;
import org.heirloom.cli.sample.BuildSampleProjectCommand;
import org.heirloom.cli.share.ExportForSharingCommand;
import org.heirloom.cli.share.ImportFromCommand;
import org.heirloom.cli.train.ExportTrainingJobCommand;
import org.heirloom.cli.train.ImportStudentCommand;
import org.heirloom.cli.train.TrainCommand;
import picocli.CommandLine;

/** Every subcommand, in the order {@code --help} lists them (pipeline order). */
final class Commands {

    private Commands() {}

    static void register(CommandLine root) {
        root.addSubcommand(new NewCommand());
        root.addSubcommand(new InfoCommand());
        root.addSubcommand(new ExportForSharingCommand());
        root.addSubcommand(new ImportFromCommand());
        root.addSubcommand(new GuiCommand());
        root.addSubcommand(new BuildSampleProjectCommand());
        root.addSubcommand(new BuildSampleModelsCommand());
        root.addSubcommand(new ImportPromptsCommand());
        root.addSubcommand(new GenerateCommand());
        root.addSubcommand(new GenerateCandidatesCommand());
        root.addSubcommand(new ScoreCommand());
        root.addSubcommand(new MetricsCommand());
        root.addSubcommand(new SelectCommand());
        root.addSubcommand(new ExportCandidatesCommand());
        root.addSubcommand(new ExportDatasetCommand());
        root.addSubcommand(new RunRecipeCommand());
        root.addSubcommand(new TrainCommand());
        root.addSubcommand(new ExportTrainingJobCommand());
        root.addSubcommand(new ImportStudentCommand());
        root.addSubcommand(new ProfileCommand());
        root.addSubcommand(new CompareCommand());
        root.addSubcommand(new ExportChartsCommand());
        root.addSubcommand(new BenchCommand());
    }
}
