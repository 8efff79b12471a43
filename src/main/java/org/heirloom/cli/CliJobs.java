package org.heirloom.cli;

import java.io.PrintWriter;
import org.heirloom.job.CancellationToken;
import org.heirloom.job.JobContext;
import org.heirloom.job.ProgressSnapshot;
import org.heirloom.job.ProgressTracker;

/** A job context for commands: progress as throttled lines on stderr. */
final class CliJobs {

    private CliJobs() {}

    static JobContext context(PrintWriter err) {
        ProgressTracker tracker = new ProgressTracker();
        long[] last = {0};
        tracker.addListener(
                (ProgressSnapshot s) -> {
                    long now = System.nanoTime();
                    boolean finished = s.total() > 0 && s.done() >= s.total();
                    synchronized (last) {
                        if (!finished && now - last[0] < 1_000_000_000L && s.done() > 0) {
                            return;
                        }
                        last[0] = now;
                        err.println(s.describe());
                        err.flush();
                    }
                });
        return new JobContext(tracker, new CancellationToken());
    }
}
