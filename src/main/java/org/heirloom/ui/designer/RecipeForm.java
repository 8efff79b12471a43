package org.heirloom.ui.designer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import org.heirloom.recipe.RecipeProblem;
import org.heirloom.recipe.RecipeSchema;
import org.heirloom.recipe.RecipeSchema.Field;
import org.heirloom.recipe.RecipeYaml;
import org.heirloom.score.MetricInfo;
import org.heirloom.score.MetricRegistry;

/**
 * The recipe as a form, generated from {@link RecipeSchema}: a text property per single value, a
 * row list per list section and a check box per metric. The YAML tree is the single state: a form
 * edit writes into it and hands the regenerated text on; new text replaces the tree and refreshes
 * the form. Keys the form does not show survive every edit.
 */
final class RecipeForm {

    /** A metric offered as a scorer, with its help text. */
    public record Scorer(String name, String summary, String help, BooleanProperty selected) {}

    private final Consumer<String> onText;
    private final Consumer<String> onRefused;
    private ObjectNode tree = JsonNodeFactory.instance.objectNode();
    private String lastWritten = "";
    private boolean refreshing;

    private final Map<String, StringProperty> scalars = new LinkedHashMap<>();
    private final Map<String, StringProperty> fieldErrors = new LinkedHashMap<>();
    private final Map<String, ObservableList<FormRow>> lists = new LinkedHashMap<>();
    private final Map<String, StringProperty> sectionErrors = new LinkedHashMap<>();
    private final ObservableList<Scorer> scorers = FXCollections.observableArrayList();
    private final List<String> scorerOrder = new ArrayList<>();
    private final BooleanProperty editable = new SimpleBooleanProperty(true);

    /**
     * @param onText gets the YAML text after each form edit
     * @param onRefused gets why an edit was not applied
     */
    RecipeForm(MetricRegistry metrics, Consumer<String> onText, Consumer<String> onRefused) {
        this.onText = onText;
        this.onRefused = onRefused;
        for (Field f : RecipeSchema.SCALARS) {
            StringProperty p = new SimpleStringProperty("");
            p.addListener(
                    (obs, old, now) -> edited(() -> FormText.set(tree, f.key(), f.type(), now)));
            scalars.put(f.key(), p);
            fieldErrors.put(f.key(), new SimpleStringProperty(""));
        }
        for (String section : RecipeSchema.SECTIONS.keySet()) {
            ObservableList<FormRow> rows = FXCollections.observableArrayList();
            rows.addListener(
                    (ListChangeListener<FormRow>)
                            c -> {
                                while (c.next()) {
                                    for (FormRow r : c.getAddedSubList()) {
                                        watch(section, r);
                                    }
                                }
                                edited(() -> writeList(section));
                            });
            lists.put(section, rows);
            sectionErrors.put(section, new SimpleStringProperty(""));
        }
        for (MetricInfo m : metrics.list()) {
            BooleanProperty sel = new SimpleBooleanProperty();
            sel.addListener((obs, old, now) -> edited(() -> toggleScorer(m.name(), now)));
            scorers.add(new Scorer(m.name(), m.summary(), m.details(), sel));
        }
    }

    /**
     * Reads new text into the form at once (reading the tree is cheap); text that is not a YAML
     * mapping leaves the form showing its older state, read-only.
     */
    void load(String text) {
        try {
            tree = RecipeYaml.read(text);
            lastWritten = text;
            editable.set(true);
            refresh();
        } catch (IllegalArgumentException e) {
            editable.set(false);
        }
    }

    /**
     * Takes the tree a check read from {@code text} ({@code null}: unreadable). The form refreshes
     * only for text it did not write itself, so an edit in progress is never reset.
     */
    void adopt(ObjectNode read, String text) {
        editable.set(read != null);
        if (read != null && !text.equals(lastWritten)) {
            tree = read;
            lastWritten = text;
            refresh();
        }
    }

    /** Marks each field, section and entry with the first problem at its path. */
    void showProblems(List<RecipeProblem> problems) {
        fieldErrors.forEach((path, p) -> p.set(problemAt(problems, path)));
        lists.forEach(
                (section, rows) -> {
                    sectionErrors
                            .get(section)
                            .set(
                                    problems.stream()
                                            .filter(p -> p.path().equals(section))
                                            .map(RecipeProblem::message)
                                            .findFirst()
                                            .orElse(""));
                    for (int i = 0; i < rows.size(); i++) {
                        rows.get(i).error().set(problemAt(problems, section + "[" + i + "]"));
                    }
                });
    }

    private static String problemAt(List<RecipeProblem> problems, String path) {
        return problems.stream()
                .filter(p -> p.isAt(path))
                .map(RecipeProblem::toString)
                .findFirst()
                .orElse("");
    }

    private void refresh() {
        refreshing = true;
        try {
            for (Field f : RecipeSchema.SCALARS) {
                scalars.get(f.key()).set(FormText.get(tree, f.key(), f.type()));
            }
            lists.forEach(
                    (section, rows) -> {
                        List<FormRow> fresh = new ArrayList<>();
                        JsonNode a = tree.get(section);
                        if (a != null && a.isArray()) {
                            a.forEach(
                                    n -> fresh.add(new FormRow(n, RecipeSchema.section(section))));
                        }
                        rows.setAll(fresh);
                    });
            scorerOrder.clear();
            scorerOrder.addAll(FormText.texts(tree.get(RecipeSchema.SCORERS)));
            for (Scorer s : scorers) {
                s.selected().set(scorerOrder.contains(s.name()));
            }
        } finally {
            refreshing = false;
        }
    }

    // ---- form → tree → text

    private void watch(String section, FormRow r) {
        for (Field f : r.fields()) {
            r.value(f.key()).addListener((obs, old, now) -> edited(() -> writeList(section)));
        }
    }

    private void writeList(String section) {
        ObservableList<FormRow> rows = lists.get(section);
        if (rows.isEmpty() && !section.equals("teachers")) {
            tree.remove(section);
            return;
        }
        ArrayNode a = tree.arrayNode();
        for (FormRow r : rows) {
            a.add(r.toNode());
        }
        tree.set(section, a);
    }

    private void toggleScorer(String name, boolean on) {
        if (on && !scorerOrder.contains(name)) {
            scorerOrder.add(name);
        } else if (!on) {
            scorerOrder.remove(name);
        }
        if (scorerOrder.isEmpty()) {
            tree.remove(RecipeSchema.SCORERS);
        } else {
            ArrayNode a = tree.putArray(RecipeSchema.SCORERS);
            scorerOrder.forEach(a::add);
        }
    }

    /** A form edit: applied to the tree, the text regenerated and handed on. */
    private void edited(Runnable edit) {
        if (refreshing) {
            return;
        }
        if (!editable.get()) {
            // The text does not parse: the form shows an older state and must not overwrite it.
            onRefused.accept(
                    "Fix the YAML text first: the form cannot apply edits to unreadable YAML");
            return;
        }
        edit.run();
        String text = RecipeYaml.write(tree);
        lastWritten = text;
        onText.accept(text);
    }

    // ---- properties

    /** The form value at a YAML path of {@link RecipeSchema#SCALARS}. */
    StringProperty field(String path) {
        StringProperty p = scalars.get(path);
        if (p == null) {
            throw new IllegalArgumentException("no form field for '" + path + "'");
        }
        return p;
    }

    ReadOnlyStringProperty fieldError(String path) {
        return fieldErrors.get(path);
    }

    ObservableList<FormRow> rows(String section) {
        ObservableList<FormRow> r = lists.get(section);
        if (r == null) {
            throw new IllegalArgumentException("no list section '" + section + "'");
        }
        return r;
    }

    ReadOnlyStringProperty sectionError(String section) {
        return sectionErrors.get(section);
    }

    /** Adds an empty entry to a list section; the check then says what it lacks. */
    FormRow addRow(String section) {
        FormRow r = new FormRow(null, RecipeSchema.section(section));
        rows(section).add(r);
        return r;
    }

    void removeRow(String section, FormRow row) {
        rows(section).remove(row);
    }

    ObservableList<Scorer> scorers() {
        return scorers;
    }

    void setScorer(String name, boolean on) {
        scorers.stream()
                .filter(s -> s.name().equals(name))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown metric '" + name + "'"))
                .selected()
                .set(on);
    }

    /** False while the text is not a YAML mapping: the form then shows an older state. */
    ReadOnlyBooleanProperty editable() {
        return editable;
    }
}
