package org.heirloom.cli.bench;

import java.util.concurrent.Callable;
import org.heirloom.bench.score.ScoreBenchmark;
import org.heirloom.cli.UserInputException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code heirloom bench score}: scoring throughput against a naive baseline in the same run. */
@Command(
        name = "score",
        mixinStandardHelpOptions = true,
        description =
                "Texts/s for MTLD + text statistics on 250-word texts, against a naive regex"
                        + " implementation measured in the same run; MTLD alone against"
                        + " LexicalRichness 0.5.1 (mtld_bench.py) in alternating rounds.")
public final class BenchScoreCommand implements Callable<Integer> {

    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Option(
            names = "--texts",
            defaultValue = "2000",
            description = "Distinct texts (default 2000).")
    int texts;

    @Option(
            names = "--seconds",
            defaultValue = "3",
            description = "Measuring time per figure (default 3).")
    double seconds;

    @Option(names = "--threads", description = "Threads for the batch figure (default: all).")
    Integer threads;

    @Option(
            names = "--rounds",
            defaultValue = "3",
            description = "Alternating rounds against LexicalRichness (default 3).")
    int rounds;

    @Mixin PeerOptions peerOptions = new PeerOptions();

    @Override
    public Integer call() {
        if (texts < 1 || seconds <= 0) {
            throw new UserInputException("bench score: --texts and --seconds must be positive");
        }
        int t = threads != null ? threads : Runtime.getRuntime().availableProcessors();
        if (rounds < 1) {
            throw new UserInputException("bench score: --rounds must be >= 1");
        }
        ScoreBenchmark.Peer peer =
                peerOptions.noPeer
                        ? null
                        : new ScoreBenchmark.Peer(peerOptions.dir(), peerOptions.python, rounds);
        ScoreBenchmark.run(
                texts,
                seconds,
                Math.max(1, t),
                peer,
                spec.commandLine().getOut(),
                spec.commandLine().getErr());
        return 0;
    }
}
