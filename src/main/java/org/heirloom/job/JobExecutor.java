package org.heirloom.job;

/**
 * Runs jobs. View models and services take this interface, so tests can pass a {@link
 * SynchronousJobExecutor} and get results before {@code submit} returns.
 */
public interface JobExecutor {

    <T> JobHandle<T> submit(JobSpec<T> spec);
}
