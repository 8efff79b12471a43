package org.heirloom.run;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.heirloom.job.JobContext;
import org.heirloom.teacher.Completion;
import org.heirloom.teacher.GenerationRequest;
import org.heirloom.teacher.Teacher;
import org.heirloom.teacher.TeacherEnvironment;
import org.heirloom.teacher.TeacherFactory;
import org.heirloom.teacher.TeacherRegistry;

/**
 * A deterministic teacher for tests: the text is a pure function of (teacher name, prompt, seed,
 * index) and its length in words varies with the seed, so metrics differ between candidates. Spec:
 * {@code fake:NAME[;delay=MS][;failAt=CALL]}.
 */
class FakeTeacher implements Teacher {

    static final AtomicInteger CALLS = new AtomicInteger();

    private final String name;
    private final long delayMs;
    private final int failAt;
    private final AtomicInteger calls = new AtomicInteger();

    FakeTeacher(String name, long delayMs, int failAt) {
        this.name = name;
        this.delayMs = delayMs;
        this.failAt = failAt;
    }

    /** Makes {@code fake:} specs known to the registry (as the engine will do for local:). */
    static void register() {
        TeacherRegistry.register(
                new TeacherFactory() {
                    @Override
                    public String scheme() {
                        return "fake";
                    }

                    @Override
                    public String identity(String location, TeacherEnvironment env) {
                        return "fake:" + location.split(";")[0];
                    }

                    @Override
                    public Teacher create(String location, TeacherEnvironment env) {
                        String[] parts = location.split(";");
                        long delay = 0;
                        int failAt = 0;
                        for (int i = 1; i < parts.length; i++) {
                            String[] kv = parts[i].split("=");
                            if (kv[0].equals("delay")) {
                                delay = Long.parseLong(kv[1]);
                            } else if (kv[0].equals("failAt")) {
                                failAt = Integer.parseInt(kv[1]);
                            }
                        }
                        return new FakeTeacher(parts[0], delay, failAt);
                    }
                });
    }

    static String text(String teacher, String prompt, long seed, int index) {
        StringBuilder sb = new StringBuilder(teacher + " answers " + prompt + " #" + index);
        int extra = (int) (seed % 17);
        for (int i = 0; i < extra; i++) {
            sb.append(" w").append((seed + i) % 7);
        }
        return sb.toString();
    }

    @Override
    public String spec() {
        return "fake:" + name;
    }

    @Override
    public String provenance() {
        return "{\"kind\":\"fake\",\"name\":\"" + name + "\"}";
    }

    @Override
    public List<Completion> generate(GenerationRequest request, JobContext context)
            throws Exception {
        int call = calls.incrementAndGet();
        CALLS.incrementAndGet();
        if (failAt > 0 && call == failAt) {
            throw new java.io.IOException("fake teacher " + name + " fails at call " + call);
        }
        List<Completion> out = new ArrayList<>();
        for (int i = 0; i < request.indices().size(); i++) {
            if (delayMs > 0) {
                Thread.sleep(delayMs);
            }
            int idx = request.indices().get(i);
            long seed = request.seeds().get(i);
            out.add(
                    new Completion(
                            idx, seed, text(name, request.prompt(), seed, idx), 10, "eos", -1.5));
        }
        return out;
    }
}
