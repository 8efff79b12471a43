package org.heirloom.teacher;

/**
 * A teacher that may serve several requests at once (a remote endpoint). The run orchestrator keeps
 * up to {@link #concurrency()} prompts in flight with it; other teachers get one at a time.
 */
public interface ConcurrentTeacher extends Teacher {

    int concurrency();
}
