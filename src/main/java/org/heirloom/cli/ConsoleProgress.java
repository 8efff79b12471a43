package org.heirloom.cli;

import java.io.PrintStream;
import java.io.PrintWriter;
import org.heirloom.job.CancellationToken;
import org.heirloom.job.JobContext;
import org.heirloom.job.Progress;
import org.heirloom.job.ProgressSnapshot;
import org.heirloom.job.ProgressTracker;

/**
 * Progress of a CLI command on stderr: on a terminal one line rewritten in place (at most 10 times
 * a second); otherwise (CI logs, pipes) a plain line every few seconds. Results stay on stdout.
 */
public final class ConsoleProgress implements Progress, AutoCloseable {

    private final ProgressTracker tracker = new ProgressTracker();
    private final PrintWriter err;
    private final String title;
    private final boolean interactive;
    private final long intervalNanos;
    private long lastPrint;
    private int lastWidth;
    private String lastLine;

    public ConsoleProgress(String title) {
        this(title, new PrintWriter(System.err, true), System.console() != null);
    }

    ConsoleProgress(String title, PrintStream err, boolean interactive) {
        this(title, new PrintWriter(err, true), interactive);
    }

    ConsoleProgress(String title, PrintWriter err, boolean interactive) {
        this.title = title;
        this.err = err;
        this.interactive = interactive;
        this.intervalNanos = interactive ? 100_000_000L : 5_000_000_000L;
    }

    @Override
    public synchronized void start(long total, String message) {
        tracker.start(total, message);
        print(true);
    }

    @Override
    public synchronized void advance(long units) {
        tracker.advance(units);
        print(false);
    }

    @Override
    public synchronized void message(String message) {
        tracker.message(message);
        print(false);
    }

    private void print(boolean force) {
        long now = System.nanoTime();
        ProgressSnapshot snap = tracker.snapshot();
        boolean finished = snap.total() > 0 && snap.done() >= snap.total();
        if (!force && !finished && now - lastPrint < intervalNanos) {
            return;
        }
        lastPrint = now;
        String line = line();
        lastLine = line;
        if (interactive) {
            String pad = " ".repeat(Math.max(0, lastWidth - line.length()));
            err.print("\r" + line + pad);
            lastWidth = line.length();
        } else {
            err.println(line);
        }
        err.flush();
    }

    /** Prints the final state and ends the line. */
    @Override
    public synchronized void close() {
        String line = line();
        if (line.equals(lastLine)) {
            if (interactive) {
                err.println();
                err.flush();
            }
            return;
        }
        if (interactive) {
            err.println("\r" + line + " ".repeat(Math.max(0, lastWidth - line.length())));
        } else {
            err.println(line);
        }
        err.flush();
    }

    private String line() {
        String d = tracker.snapshot().describe();
        return title == null ? d : title + ": " + d;
    }

    /** A job context whose progress goes to {@code err} (a command's stderr) without a title. */
    public static JobContext context(PrintWriter err) {
        return new JobContext(
                new ConsoleProgress(null, err, System.console() != null), new CancellationToken());
    }
}
