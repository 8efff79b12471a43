package org.heirloom.ui.jobs;

import java.util.function.BiConsumer;
import org.heirloom.job.JobExecutor;
import org.heirloom.job.JobHandle;
import org.heirloom.job.JobSpec;

/**
 * Wraps an executor so that every failing job also reaches the error dialog, after the job's own
 * failure callback ran: views only need to show their local status, never to remember dialogs.
 */
public final class ReportingJobExecutor implements JobExecutor {

    private final JobExecutor delegate;
    private final BiConsumer<String, Throwable> report;

    public ReportingJobExecutor(JobExecutor delegate, BiConsumer<String, Throwable> report) {
        this.delegate = delegate;
        this.report = report;
    }

    @Override
    public <T> JobHandle<T> submit(JobSpec<T> spec) {
        JobSpec<T> wrapped =
                JobSpec.of(spec.title(), spec.job())
                        .onSuccess(spec.successCallback())
                        .onCancelled(spec.cancelledCallback())
                        .onFailure(
                                e -> {
                                    spec.failureCallback().accept(e);
                                    report.accept(spec.title() + " failed", e);
                                });
        return delegate.submit(wrapped);
    }
}
