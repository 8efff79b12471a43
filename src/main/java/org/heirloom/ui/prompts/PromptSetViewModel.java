package org.heirloom.ui.prompts;

import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;
import org.heirloom.job.JobExecutor;
import org.heirloom.job.JobSpec;
import org.heirloom.project.Project;
import org.heirloom.project.PromptSetRepository;
import org.heirloom.project.StoredPrompt;

/** The prompts of one prompt set, loaded off the UI thread, with a text filter. */
public final class PromptSetViewModel {

    private final String name;
    private final ObservableList<StoredPrompt> prompts = FXCollections.observableArrayList();
    private final FilteredList<StoredPrompt> filtered = new FilteredList<>(prompts, p -> true);
    private final StringProperty filter = new SimpleStringProperty("");
    private final StringProperty summary = new SimpleStringProperty("Loading …");

    public PromptSetViewModel(
            JobExecutor executor, Project project, long promptSetId, String name) {
        this.name = name;
        filter.addListener((obs, old, text) -> applyFilter(text));
        executor.submit(
                JobSpec.of(
                                "Load prompts of " + name,
                                ctx -> new PromptSetRepository(project).prompts(promptSetId))
                        .onSuccess(
                                list -> {
                                    prompts.setAll(list);
                                    updateSummary();
                                })
                        .onFailure(e -> summary.set("Cannot load prompts: " + e.getMessage())));
    }

    private void applyFilter(String text) {
        String needle = text == null ? "" : text.strip().toLowerCase(java.util.Locale.ROOT);
        filtered.setPredicate(
                needle.isEmpty()
                        ? p -> true
                        : p -> p.text().toLowerCase(java.util.Locale.ROOT).contains(needle));
        updateSummary();
    }

    private void updateSummary() {
        summary.set(
                filtered.size() == prompts.size()
                        ? prompts.size() + " prompts"
                        : filtered.size() + " of " + prompts.size() + " prompts");
    }

    public String name() {
        return name;
    }

    public ObservableList<StoredPrompt> prompts() {
        return filtered;
    }

    public StringProperty filter() {
        return filter;
    }

    public ReadOnlyStringProperty summary() {
        return summary;
    }

    /** Characters of a prompt a table cell shows. */
    static final int PREVIEW_CHARS = 2_000;

    /**
     * What a table cell shows of a prompt: laying out a received file's 200-million-character
     * prompt would stall the UI thread, so long prompts are cut, saying how long they are.
     */
    static String preview(String text) {
        if (text == null || text.length() <= PREVIEW_CHARS) {
            return text;
        }
        return text.substring(0, PREVIEW_CHARS) + " … (" + text.length() + " characters)";
    }
}
