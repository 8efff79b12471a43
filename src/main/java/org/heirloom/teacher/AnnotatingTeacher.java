package org.heirloom.teacher;

import java.util.List;
import org.heirloom.job.JobContext;

/** A teacher that says, per candidate, how it was obtained. */
public interface AnnotatingTeacher extends Teacher {

    List<AnnotatedCompletion> generateAnnotated(GenerationRequest request, JobContext context)
            throws Exception;

    @Override
    default List<Completion> generate(GenerationRequest request, JobContext context)
            throws Exception {
        return generateAnnotated(request, context).stream()
                .map(AnnotatedCompletion::completion)
                .toList();
    }
}
