package org.heirloom.cli.bench;

import picocli.CommandLine.Command;

/** {@code heirloom bench ...}: benchmarks that report ratios against a baseline in the same run. */
@Command(
        name = "bench",
        mixinStandardHelpOptions = true,
        description =
                "Benchmarks (each reports ratios against a baseline measured in the same run).",
        subcommands = {
            BenchGenerateCommand.class,
            BenchProjectCommand.class,
            BenchScoreCommand.class,
            BenchStoreCommand.class,
            BenchTrainCommand.class,
            BenchUiStallCommand.class
        })
public final class BenchCommand {}
