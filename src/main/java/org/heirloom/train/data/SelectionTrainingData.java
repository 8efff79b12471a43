package org.heirloom.train.data;

import java.util.List;
import org.heirloom.project.Project;
import org.heirloom.project.run.SelectionRepository;

/** The examples of a stored selection: each prompt with its kept candidate. */
public final class SelectionTrainingData {

    private SelectionTrainingData() {}

    /**
     * @param split only prompts of this split, or null for all
     */
    public static TrainingData load(Project project, String selectionName, String split) {
        SelectionRepository repo = new SelectionRepository(project);
        long id = repo.require(selectionName).id();
        List<TrainingExample> examples =
                repo.pairs(id).stream()
                        .filter(p -> split == null || split.equals(p.split()))
                        .map(p -> new TrainingExample(p.prompt(), p.completion()))
                        .toList();
        if (examples.isEmpty()) {
            throw new IllegalArgumentException(
                    "selection '"
                            + selectionName
                            + "' has no examples"
                            + (split == null ? "" : " in split '" + split + "'"));
        }
        return TrainingData.of("selection:" + selectionName, examples);
    }
}
