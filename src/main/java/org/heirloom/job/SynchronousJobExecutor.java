package org.heirloom.job;

/** Runs each job on the calling thread before {@code submit} returns (tests, CLI). */
public final class SynchronousJobExecutor implements JobExecutor {

    @Override
    public <T> JobHandle<T> submit(JobSpec<T> spec) {
        JobRunner<T> runner = new JobRunner<>(spec);
        runner.runHere();
        runner.deliverCallbacks();
        return runner;
    }
}
