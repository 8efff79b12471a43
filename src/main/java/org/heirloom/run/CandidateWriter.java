package org.heirloom.run;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicLong;
import org.heirloom.job.Progress;
import org.heirloom.project.candidate.CandidateRepository;
import org.heirloom.project.candidate.CandidateRow;

/**
 * The single writer of a run: teacher threads hand over each answer and go on generating while this
 * thread commits. Whatever has queued up meanwhile goes into one transaction, so a fast teacher
 * gets batched inserts and a slow one gets each answer committed within milliseconds. Progress
 * advances only once rows are committed.
 */
final class CandidateWriter {

    private static final int MAX_ROWS_PER_TRANSACTION = 4096;
    private static final List<CandidateRow> END = List.of();

    private final CandidateRepository repository;
    private final Progress progress;
    private final BlockingQueue<List<CandidateRow>> queue = new ArrayBlockingQueue<>(256);
    private final AtomicLong written = new AtomicLong();
    private final Thread thread;
    private volatile Throwable failure;

    CandidateWriter(CandidateRepository repository, Progress progress, String runName) {
        this.repository = repository;
        this.progress = progress;
        this.thread = new Thread(this::loop, "candidate-writer-" + runName);
        thread.setDaemon(true);
        thread.start();
    }

    /** Queues one teacher answer; fails if the writer has failed. */
    void submit(List<CandidateRow> rows) throws InterruptedException {
        rethrow();
        queue.put(rows);
    }

    /** Commits everything queued, stops the thread, and rethrows a write failure. */
    long finish() throws InterruptedException {
        if (thread.isAlive()) {
            queue.put(END);
            thread.join();
        }
        rethrow();
        return written.get();
    }

    /** Rows committed so far. */
    long written() {
        return written.get();
    }

    private void rethrow() {
        Throwable f = failure;
        if (f instanceof RuntimeException re) {
            throw re;
        }
        if (f instanceof Error e) {
            throw e;
        }
        if (f != null) {
            throw new IllegalStateException("storing candidates failed", f);
        }
    }

    private void loop() {
        try {
            while (true) {
                List<CandidateRow> first = queue.take();
                if (first == END) {
                    return;
                }
                List<CandidateRow> rows = new ArrayList<>(first);
                boolean end = false;
                List<CandidateRow> next;
                while (rows.size() < MAX_ROWS_PER_TRANSACTION && (next = queue.poll()) != null) {
                    if (next == END) {
                        end = true;
                        break;
                    }
                    rows.addAll(next);
                }
                written.addAndGet(repository.insert(rows));
                progress.advance(rows.size());
                if (end) {
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Throwable t) {
            failure = t;
            // Unblock producers waiting on a full queue.
            queue.clear();
        }
    }
}
