package org.heirloom.train;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.heirloom.job.JobCancelledException;
import org.heirloom.job.JobContext;
import org.heirloom.model.LocalModel;
import org.heirloom.project.Project;

/**
 * Trains the students of a {@link TrainingPlan} into a project: one {@code training} row per
 * replicate, its loss curve committed step by step, checkpoints under {@code
 * <project>.models/.checkpoints/NAME/}, and the result registered as a {@code trained} model
 * (folder {@code <project>.models/NAME/} plus its files in the project). Running the same plan
 * again resumes an interrupted replicate at its last checkpoint and skips finished ones.
 */
public final class TrainingService {

    /**
     * One trained student.
     *
     * @param name model name
     * @param modelId its {@code model} row
     * @param folder its Hugging Face folder
     * @param seed training seed
     * @param outcome what training did (null when it was already finished earlier)
     */
    public record TrainedModel(
            String name, long modelId, Path folder, long seed, Trainer.Outcome outcome) {}

    private static final ObjectMapper JSON = new ObjectMapper();
    private final Project project;
    private final ModelStore models;
    private final TrainingRepository trainings;

    public TrainingService(Project project) {
        this.project = project;
        this.models = new ModelStore(project);
        this.trainings = new TrainingRepository(project);
    }

    public List<TrainedModel> train(TrainingPlan plan, JobContext context) throws IOException {
        ModelStore.StoredModel base = models.resolveBase(plan.base());
        String dataHash = plan.data().contentHash();
        List<TrainedModel> out = new ArrayList<>();
        for (TrainingPlan.Replicate r : plan.replicatesList()) {
            out.add(trainOne(plan, r, base, dataHash, context));
        }
        return out;
    }

    /**
     * Trains (or resumes, or finds finished) one replicate of the plan: what {@link #train} does
     * for each, for callers that report or cancel between replicates.
     */
    public TrainedModel train(
            TrainingPlan plan, TrainingPlan.Replicate replicate, JobContext context)
            throws IOException {
        return trainOne(
                plan,
                replicate,
                models.resolveBase(plan.base()),
                plan.data().contentHash(),
                context);
    }

    private TrainedModel trainOne(
            TrainingPlan plan,
            TrainingPlan.Replicate r,
            ModelStore.StoredModel base,
            String dataHash,
            JobContext context)
            throws IOException {
        Optional<TrainingRepository.Training> existing = trainings.find(r.name());
        if (existing.isPresent()) {
            TrainingRepository.Training t = existing.get();
            boolean same =
                    t.config().equals(plan.config().toJson())
                            && t.dataHash().equals(dataHash)
                            && t.seed() == r.seed()
                            && (t.baseLocation().equals(base.location().toString())
                                    // the same base model (found by its weights' hash) moved
                                    || Long.valueOf(base.id()).equals(t.baseModelId()));
            if (!same) {
                throw new IllegalArgumentException(
                        "a training named '"
                                + r.name()
                                + "' already exists with other data, base, seed or settings;"
                                + " choose another --name");
            }
            if (t.status().equals("done")) {
                ModelStore.StoredModel m =
                        models.find(r.name())
                                .orElseThrow(
                                        () ->
                                                new IllegalStateException(
                                                        "training '"
                                                                + r.name()
                                                                + "' is done but its model is missing"));
                return new TrainedModel(r.name(), m.id(), m.location(), r.seed(), null);
            }
        } else if (models.find(r.name()).isPresent()) {
            throw new IllegalArgumentException(
                    "the project already has a model named '" + r.name() + "'");
        }
        Path ckptDir =
                models.modelsDir().resolve(".checkpoints").resolve(SafeNames.token(r.name()));
        try (LocalModel model =
                LocalModel.builder().optModelDir(base.location()).optFuse(false).build()) {
            Trainer trainer = new Trainer(model, plan.config(), r.seed(), plan.data());
            long id =
                    existing.isPresent()
                            ? existing.get().id()
                            : trainings.create(
                                    r.name(),
                                    base.id(),
                                    base.location().toString(),
                                    plan.data(),
                                    dataHash,
                                    plan.config(),
                                    r.seed(),
                                    r.replicate(),
                                    trainer.totalSteps());
            trainings.setStatus(id, "running", null);
            Trainer.Listener listener =
                    new Trainer.Listener() {
                        @Override
                        public void onLoss(
                                int step, String split, double loss, double lr, long tokens) {
                            trainings.log(id, step, split, loss, lr, tokens);
                        }

                        @Override
                        public void onCheckpoint(int step, Path folder) {
                            trainings.checkpoint(id, step, folder.toString());
                        }
                    };
            Trainer.Outcome outcome;
            try {
                outcome = trainer.run(ckptDir, listener, context);
            } catch (JobCancelledException e) {
                trainings.setStatus(id, "cancelled", null);
                throw e;
            } catch (RuntimeException | IOException e) {
                trainings.setStatus(id, "failed", null);
                throw e;
            }
            Path folder = models.folderFor(r.name());
            save(model, folder);
            ObjectNode prov = JSON.createObjectNode();
            prov.put("training", r.name());
            prov.put("base", base.name());
            prov.put("data", plan.data().source());
            prov.put("data_hash", dataHash);
            prov.put("seed", r.seed());
            prov.put("replicate", r.replicate());
            prov.set("config", JSON.readTree(plan.config().toJson()));
            long modelId = models.registerTrained(r.name(), folder, base.id(), prov);
            trainings.setStatus(id, "done", modelId);
            trainings.clearCheckpoints(id);
            Checkpoint.deleteTree(ckptDir);
            return new TrainedModel(r.name(), modelId, folder, r.seed(), outcome);
        }
    }

    /** Saves into a temporary sibling folder, then renames it into place. */
    private static void save(LocalModel model, Path folder) throws IOException {
        Files.createDirectories(folder.getParent());
        // A plain new folder (the umask's modes), not createTempDirectory's private 0700 one: the
        // student is renamed into place and should be readable as any downloaded model is.
        Path tmp =
                folder.resolveSibling(
                        ".tmp-" + folder.getFileName() + "-" + java.util.UUID.randomUUID());
        Files.createDirectory(tmp);
        try {
            model.save(tmp);
            Checkpoint.deleteTree(folder);
            Files.move(tmp, folder, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Checkpoint.deleteTree(tmp);
        }
    }

    /** The store this service registers models in. */
    public ModelStore models() {
        return models;
    }

    public TrainingRepository trainings() {
        return trainings;
    }
}
