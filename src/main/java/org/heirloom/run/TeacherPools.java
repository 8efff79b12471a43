package org.heirloom.run;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.heirloom.job.JobContext;
import org.heirloom.project.CandidateRow;
import org.heirloom.project.RunRecord;
import org.heirloom.project.RunTeacherRecord;
import org.heirloom.project.StoredPrompt;
import org.heirloom.teacher.AnnotatedCompletion;
import org.heirloom.teacher.AnnotatingTeacher;
import org.heirloom.teacher.Completion;
import org.heirloom.teacher.ConcurrentTeacher;
import org.heirloom.teacher.GenerationRequest;
import org.heirloom.teacher.Teacher;

/**
 * The concurrent part of {@link GenerationRunner}: each teacher's work units run on a pool of its
 * own (as many threads as the teacher allows), every answer is checked against what was asked and
 * handed to the {@link CandidateWriter}. One failure aborts the rest: queued units stop at once,
 * in-flight ones finish and are kept.
 */
final class TeacherPools implements AutoCloseable {

    private final List<ExecutorService> pools = new ArrayList<>();
    private final AtomicBoolean abort = new AtomicBoolean();

    /**
     * Runs every unit and waits for all; returns the first failure (later ones are dropped), or
     * null.
     */
    Exception generate(
            RunRecord run,
            RunSpec spec,
            Map<Integer, List<Unit>> unitsByTeacher,
            Map<Integer, Teacher> byIndex,
            CandidateWriter writer,
            JobContext context)
            throws InterruptedException {
        return await(submit(run, spec, unitsByTeacher, byIndex, writer, context));
    }

    /** Stops queued units from starting (in-flight ones finish). */
    void abort() {
        abort.set(true);
    }

    /** Stops the pools' threads. */
    @Override
    public void close() {
        for (ExecutorService p : pools) {
            p.shutdownNow();
        }
    }

    /**
     * Submits every unit to its teacher's pool (as many threads as the teacher allows); a failing
     * unit sets {@code abort}, so queued units stop at once while in-flight ones finish and are
     * kept.
     */
    private List<Future<Integer>> submit(
            RunRecord run,
            RunSpec spec,
            Map<Integer, List<Unit>> unitsByTeacher,
            Map<Integer, Teacher> byIndex,
            CandidateWriter writer,
            JobContext context) {
        List<Future<Integer>> futures = new ArrayList<>();
        for (Map.Entry<Integer, List<Unit>> e : unitsByTeacher.entrySet()) {
            Teacher teacher = byIndex.get(e.getKey());
            int parallel =
                    teacher instanceof ConcurrentTeacher ct ? Math.max(1, ct.concurrency()) : 1;
            ExecutorService pool =
                    Executors.newFixedThreadPool(
                            parallel,
                            r -> {
                                Thread th = new Thread(r, "teacher-" + e.getKey());
                                th.setDaemon(true);
                                return th;
                            });
            pools.add(pool);
            for (Unit u : e.getValue()) {
                futures.add(
                        pool.submit(
                                () -> {
                                    if (abort.get()) {
                                        return 0;
                                    }
                                    try {
                                        context.checkCancelled();
                                        writer.submit(rows(run, spec, teacher, u, context));
                                        return u.indices.size();
                                    } catch (Exception | Error ex) {
                                        abort.set(true);
                                        throw ex;
                                    }
                                }));
            }
        }
        return futures;
    }

    /** Waits for every unit; the first failure (others are dropped), or null. */
    private Exception await(List<Future<Integer>> futures) throws InterruptedException {
        Exception failure = null;
        for (Future<Integer> f : futures) {
            try {
                f.get();
            } catch (ExecutionException ex) {
                abort.set(true);
                if (failure == null) {
                    Throwable c = ex.getCause();
                    failure = c instanceof Exception ce ? ce : new RuntimeException(c);
                }
            }
        }
        return failure;
    }

    /** One (prompt, teacher) with the candidate indices still missing and their seeds. */
    record Unit(
            StoredPrompt prompt,
            RunTeacherRecord teacher,
            List<Integer> indices,
            List<Long> seeds,
            boolean truncate) {}

    /** Asks the teacher for one unit and checks the answer; returns the rows to store. */
    private static List<CandidateRow> rows(
            RunRecord run, RunSpec spec, Teacher teacher, Unit u, JobContext context)
            throws Exception {
        GenerationRequest req =
                new GenerationRequest(
                        u.prompt.text(), spec.sampling(), u.indices, u.seeds, u.truncate);
        List<AnnotatedCompletion> got;
        if (teacher instanceof AnnotatingTeacher at) {
            got = at.generateAnnotated(req, context);
        } else {
            got = new ArrayList<>();
            for (Completion c : teacher.generate(req, context)) {
                got.add(new AnnotatedCompletion(c, null));
            }
        }
        Set<Integer> wanted = new HashSet<>(u.indices);
        if (got.size() != u.indices.size()) {
            throw new IllegalStateException(
                    "teacher "
                            + teacher.spec()
                            + " returned "
                            + got.size()
                            + " candidates for prompt #"
                            + u.prompt.index()
                            + ", asked for "
                            + u.indices.size());
        }
        List<CandidateRow> rows = new ArrayList<>();
        Map<Integer, Long> seedOf = new HashMap<>();
        for (int i = 0; i < u.indices.size(); i++) {
            seedOf.put(u.indices.get(i), u.seeds.get(i));
        }
        for (AnnotatedCompletion ac : got) {
            Completion c = ac.completion();
            if (!wanted.remove(c.index())) {
                throw new IllegalStateException(
                        "teacher "
                                + teacher.spec()
                                + " returned candidate index "
                                + c.index()
                                + " for prompt #"
                                + u.prompt.index()
                                + ", which was not asked for or came twice");
            }
            if (c.text() == null) {
                throw new IllegalStateException("teacher " + teacher.spec() + " returned no text");
            }
            rows.add(
                    new CandidateRow(
                            0,
                            run.id(),
                            u.prompt.id(),
                            u.teacher.id(),
                            c.index(),
                            seedOf.get(c.index()),
                            c.text(),
                            c.tokenCount(),
                            c.finishReason(),
                            c.logprob(),
                            ac.provenance(),
                            c.reasoning()));
        }
        return rows;
    }
}
