package org.heirloom.cli;

import java.io.PrintWriter;
import org.heirloom.Version;
import org.heirloom.project.ProjectException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The root command: {@code heirloom <command>}. With no command, opens the GUI. */
@Command(
        name = "heirloom",
        mixinStandardHelpOptions = true,
        versionProvider = HeirloomCommand.VersionProvider.class,
        description = "Heirloom: steer what student language models inherit from synthetic data.",
        subcommands = {CommandLine.HelpCommand.class})
public final class HeirloomCommand implements Runnable {

    @Override
    public void run() {
        new GuiCommand().run();
    }

    /** Builds the command line with every subcommand registered. */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new HeirloomCommand());
        Commands.register(cl);
        cl.setExecutionExceptionHandler(HeirloomCommand::handleError);
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        return cl;
    }

    /** Parses and runs; returns the process exit code. */
    public static int execute(String... args) {
        return commandLine().execute(args);
    }

    /** Expected failures (bad input, bad files) print one line; bugs print a stack trace. */
    private static int handleError(
            Exception e, CommandLine cmd, CommandLine.ParseResult parseResult) {
        PrintWriter err = cmd.getErr();
        if (e instanceof ProjectException
                || e instanceof UserInputException
                || e instanceof IllegalArgumentException) {
            err.println("heirloom: " + e.getMessage());
            err.flush();
            return 1;
        }
        err.println("heirloom: internal error: " + e);
        e.printStackTrace(err);
        err.flush();
        return 70;
    }

    /** Supplies {@code --version}. */
    public static final class VersionProvider implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {
                "Heirloom " + Version.current(),
                "Java "
                        + System.getProperty("java.version")
                        + " ("
                        + System.getProperty("java.vendor")
                        + ")"
            };
        }
    }
}
