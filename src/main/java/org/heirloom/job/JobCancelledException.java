package org.heirloom.job;

/** Thrown inside a job when it stops because it was cancelled; work committed so far stays. */
public final class JobCancelledException extends RuntimeException {

    public JobCancelledException() {
        super("cancelled");
    }
}
