package org.heirloom.cli;

/** Runs the CLI in-process for tests outside this package. */
public final class CliTestAccess {

    /** Exit code, stdout and stderr of one command. */
    public record Result(int code, String out, String err) {}

    private CliTestAccess() {}

    public static Result run(String... args) {
        CliTest.Result r = CliTest.run(args);
        return new Result(r.code(), r.out(), r.err());
    }
}
