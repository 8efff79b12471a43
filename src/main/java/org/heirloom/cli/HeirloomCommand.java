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
        String message = userMessage(e);
        if (message != null) {
            err.println("heirloom: " + oneLine(message));
            err.flush();
            return 1;
        }
        err.println("heirloom: internal error: " + e);
        e.printStackTrace(err);
        err.flush();
        return 70;
    }

    /**
     * The one mapping from failures to what the user reads: the message of an expected failure, or
     * null for a bug. Expected failures name their input themselves (file, line, field or byte
     * offset); file-system failures are named here from the path the JDK reports.
     */
    static String userMessage(Throwable e) {
        if (e instanceof ProjectException
                || e instanceof UserInputException
                || e instanceof IllegalArgumentException) {
            return e.getMessage() == null ? e.toString() : e.getMessage();
        }
        if (e instanceof org.heirloom.teacher.endpoint.EndpointException
                || e instanceof org.heirloom.train.TrainingDivergedException) {
            return e.getMessage();
        }
        if (e instanceof java.io.UncheckedIOException u && u.getCause() != null) {
            return userMessage(u.getCause());
        }
        if (e instanceof java.nio.file.NoSuchFileException f) {
            return f.getFile() + ": no such file";
        }
        if (e instanceof java.nio.file.AccessDeniedException f) {
            return f.getFile() + ": permission denied";
        }
        if (e instanceof java.nio.file.FileAlreadyExistsException f) {
            return f.getFile() + ": already exists";
        }
        if (e instanceof java.nio.file.FileSystemException f) {
            return f.getFile()
                    + ": "
                    + (f.getReason() == null ? "cannot be read or written" : f.getReason());
        }
        return null;
    }

    /** Line breaks in a message (from a parser, a server) would break the one-line promise. */
    static String oneLine(String message) {
        return message.replaceAll("\\s*[\\r\\n]+\\s*", " ").strip();
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
