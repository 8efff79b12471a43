package org.heirloom.cli;

import picocli.CommandLine;

/** Every subcommand, in the order {@code --help} lists them (pipeline order). */
final class Commands {

    private Commands() {}

    static void register(CommandLine root) {
        root.addSubcommand(new NewCommand());
        root.addSubcommand(new InfoCommand());
        root.addSubcommand(new ExportForSharingCommand());
        root.addSubcommand(new GuiCommand());
        root.addSubcommand(new BuildSampleProjectCommand());
        root.addSubcommand(new GenerateCommand());
        root.addSubcommand(new TrainCommand());
        root.addSubcommand(new BenchCommand());
    }
}
