package org.heirloom.job;

/**
 * A unit of long work. It reports progress and polls cancellation through its context, and commits
 * each finished piece of work itself, so that a cancelled or killed job loses nothing.
 */
@FunctionalInterface
public interface Job<T> {

    T run(JobContext context) throws Exception;
}
