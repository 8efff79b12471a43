package org.heirloom.train.export;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.heirloom.project.Project;
import org.heirloom.project.model.ModelRecord;
import org.heirloom.project.model.ModelRepository;
import org.heirloom.project.run.SelectionRecord;
import org.heirloom.project.run.SelectionRepository;
import org.heirloom.train.ModelStore;
import org.heirloom.train.data.SelectionTrainingData;

/**
 * Registers a Hugging Face checkpoint trained elsewhere (e.g. by an exported TRL job) as a student
 * of a selection. It becomes a {@code trained} model named like a local student ({@code NAME} or
 * {@code NAME-rN}), so profiles and comparisons treat it as a replicate of its arm.
 *
 * <p>Provenance comes from {@code heirloom-job.json}, which the job's {@code train.py} writes into
 * the checkpoint. A checkpoint is a folder of data: its JSON is read, never executed.
 */
public final class StudentImporter {

    /** The provenance file a job's {@code train.py} leaves in the checkpoint. */
    public static final String JOB_FILE = "heirloom-job.json";

    private static final ObjectMapper JSON = new ObjectMapper();

    /** What was registered. */
    public record Imported(long modelId, String name, String weightsHash, boolean fromJob) {}

    private final Project project;

    public StudentImporter(Project project) {
        this.project = project;
    }

    /**
     * @param replicate replicate index, or {@code null} to take it from the job file (if any)
     * @param name student name, or {@code null}: the job's student, else SELECTION or SELECTION-rN
     */
    public Imported register(Path dir, String selection, Integer replicate, String name)
            throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException(dir + ": no such checkpoint folder");
        }
        if (!Files.isRegularFile(dir.resolve("config.json"))) {
            throw new IllegalArgumentException(
                    dir + ": no config.json (a Hugging Face checkpoint folder is expected)");
        }
        try (Stream<Path> s = Files.list(dir)) {
            if (s.noneMatch(p -> p.getFileName().toString().endsWith(".safetensors"))) {
                throw new IllegalArgumentException(
                        dir + ": no .safetensors weights (save with safe_serialization=True)");
            }
        }
        if (replicate != null && replicate < 0) {
            throw new IllegalArgumentException("--replicate must be >= 0, got " + replicate);
        }
        SelectionRecord sel = new SelectionRepository(project).require(selection);
        JsonNode job = readJob(dir);
        if (job != null && job.hasNonNull("selection")) {
            String trainedOn = job.get("selection").asText();
            if (!trainedOn.equals(selection)) {
                throw new IllegalArgumentException(
                        dir.resolve(JOB_FILE)
                                + ": field 'selection': the job trained on '"
                                + trainedOn
                                + "', not '"
                                + selection
                                + "'");
            }
        }
        if (job != null && job.hasNonNull("data_hash")) {
            // The selection may have been re-made since the job was exported: the student must
            // have been trained on what the selection holds now to stand for it.
            String split = job.hasNonNull("split") ? job.get("split").asText() : null;
            String now = SelectionTrainingData.load(project, selection, split).contentHash();
            if (!now.equals(job.get("data_hash").asText())) {
                throw new IllegalArgumentException(
                        dir.resolve(JOB_FILE)
                                + ": field 'data_hash': the job trained on other examples than"
                                + " selection '"
                                + selection
                                + "' holds now");
            }
        }
        Integer rep = replicate;
        if (rep == null && job != null && job.has("replicate")) {
            rep = job.get("replicate").asInt();
        }
        String student = name;
        if (student == null && job != null && job.hasNonNull("student")) {
            student = job.get("student").asText();
        }
        if (student == null) {
            student = rep == null ? selection : selection + "-r" + rep;
        }
        ModelRepository models = new ModelRepository(project);
        if (models.find(student).isPresent()) {
            throw new IllegalArgumentException(
                    "a model named '" + student + "' already exists; choose another with --name");
        }
        String hash = ModelStore.hashWeights(dir);
        for (ModelRecord m : models.list()) {
            if (hash.equals(m.contentHash())) {
                throw new IllegalArgumentException(
                        dir
                                + ": these weights are already registered as model '"
                                + m.name()
                                + "' (sha256 "
                                + hash.substring(0, 12)
                                + "…)");
            }
        }
        ObjectNode prov = JSON.createObjectNode();
        prov.put("source", "import-student");
        prov.put("selection", selection);
        prov.put("selection_id", sel.id());
        if (rep != null) {
            prov.put("replicate", rep);
        }
        prov.put("imported_from", dir.toAbsolutePath().toString());
        prov.put("weights_sha256", hash);
        if (job != null) {
            prov.set("job", job);
        }
        long id = new ModelStore(project).registerTrained(student, dir, null, prov);
        return new Imported(id, student, hash, job != null);
    }

    private static JsonNode readJob(Path dir) throws IOException {
        Path f = dir.resolve(JOB_FILE);
        if (!Files.isRegularFile(f)) {
            return null;
        }
        JsonNode n;
        try {
            n = JSON.readTree(f.toFile());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException(
                    f
                            + ":"
                            + e.getLocation().getLineNr()
                            + ": invalid JSON ("
                            + e.getOriginalMessage()
                            + ")");
        }
        if (n == null || !n.isObject()) {
            throw new IllegalArgumentException(f + ": expected a JSON object");
        }
        return n;
    }
}
