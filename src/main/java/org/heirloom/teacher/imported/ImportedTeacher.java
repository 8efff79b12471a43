package org.heirloom.teacher.imported;

import java.util.ArrayList;
import java.util.List;
import org.heirloom.job.JobContext;
import org.heirloom.teacher.Completion;
import org.heirloom.teacher.GenerationRequest;
import org.heirloom.teacher.Teacher;

/** Serves candidates from an imported file (see {@link ImportedCandidates}). */
public final class ImportedTeacher implements Teacher {

    private final String spec;
    private final String provenance;
    private final ImportedCandidates candidates;

    public ImportedTeacher(String spec, String provenance, ImportedCandidates candidates) {
        this.spec = spec;
        this.provenance = provenance;
        this.candidates = candidates;
    }

    @Override
    public String spec() {
        return spec;
    }

    @Override
    public String provenance() {
        return provenance;
    }

    @Override
    public List<Completion> generate(GenerationRequest request, JobContext context) {
        List<String> texts = candidates.candidates(request.prompt());
        if (texts.isEmpty()) {
            throw new IllegalArgumentException(
                    spec
                            + ": no candidates for prompt '"
                            + ImportedCandidates.abbreviate(request.prompt())
                            + "'");
        }
        List<Completion> out = new ArrayList<>();
        for (int i = 0; i < request.indices().size(); i++) {
            int idx = request.indices().get(i);
            if (idx >= texts.size()) {
                throw new IllegalArgumentException(
                        spec
                                + ": prompt '"
                                + ImportedCandidates.abbreviate(request.prompt())
                                + "' has "
                                + texts.size()
                                + " candidates, but the run asks for candidate "
                                + idx
                                + " (k too large)");
            }
            out.add(
                    new Completion(
                            idx,
                            request.seeds().get(i),
                            texts.get(idx),
                            -1,
                            "imported",
                            Double.NaN));
        }
        return out;
    }
}
