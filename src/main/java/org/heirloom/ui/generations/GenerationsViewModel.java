package org.heirloom.ui.generations;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.heirloom.job.JobExecutor;
import org.heirloom.job.JobSpec;
import org.heirloom.profile.GenerationArms;
import org.heirloom.project.CandidateQuery;
import org.heirloom.project.GenerationBrowser;
import org.heirloom.project.GenerationQuery;
import org.heirloom.project.GenerationRow;
import org.heirloom.project.Project;

/**
 * The generations view's state: one comparison's stored samples, filtered by arm, replicate and a
 * metric range, searched, sorted by a metric, and read a page at a time from SQLite; the prompts
 * where the arms differ most on the metric; and, for one prompt, every arm's samples and the
 * teacher's candidates side by side. Work runs on the executor, so tests use a synchronous one.
 */
public final class GenerationsViewModel implements AutoCloseable {

    public static final int PAGE_SIZE = 100;

    /** Shown in the arm choice for "no arm filter". */
    public static final String ALL = "all arms";

    private final JobExecutor executor;
    private final GenerationBrowser browser;
    private GenerationArms.Comparison comparison;
    private GenerationBrowser.Listing listing;

    private final ObservableList<String> arms = FXCollections.observableArrayList();
    private final ObservableList<String> metrics = FXCollections.observableArrayList();
    private final ObjectProperty<String> arm = new SimpleObjectProperty<>(ALL);
    private final IntegerProperty replicate = new SimpleIntegerProperty(-1);
    private final ObjectProperty<String> metric = new SimpleObjectProperty<>();
    private final BooleanProperty descending = new SimpleBooleanProperty(true);
    private final StringProperty min = new SimpleStringProperty("");
    private final StringProperty max = new SimpleStringProperty("");
    private final StringProperty search = new SimpleStringProperty("");
    private final ObjectProperty<String> prompt = new SimpleObjectProperty<>();
    private final ObservableList<GenerationRow> rows = FXCollections.observableArrayList();
    private final ReadOnlyIntegerWrapper total = new ReadOnlyIntegerWrapper();
    private final IntegerProperty page = new SimpleIntegerProperty(0);
    private final ObservableList<GenerationBrowser.PromptSpread> prompts =
            FXCollections.observableArrayList();
    private final ObservableList<Column> sideBySide = FXCollections.observableArrayList();
    private final StringProperty status = new SimpleStringProperty("Loading generations …");
    private final StringProperty promptText = new SimpleStringProperty("");

    /**
     * One column of the side-by-side view.
     *
     * @param title the arm (with its strategy) or "teacher candidates"
     * @param entries its texts with their scores
     */
    public record Column(String title, List<Entry> entries) {}

    /**
     * @param label e.g. "r1 · sample 2" or "candidate 3 · kept by longest"
     * @param kept a teacher candidate some selection keeps
     */
    public record Entry(String label, String text, Map<String, Double> metrics, boolean kept) {}

    /**
     * @param comparison the comparison to show (name or suite), or null for the first
     */
    public GenerationsViewModel(JobExecutor executor, Project project, String comparison) {
        this.executor = executor;
        this.browser = new GenerationBrowser(project);
        page.addListener((obs, old, now) -> loadPage());
        prompt.addListener((obs, old, now) -> loadSideBySide(now));
        executor.submit(
                JobSpec.of(
                                "Open generations",
                                ctx -> {
                                    var c = GenerationArms.find(project, comparison);
                                    return c.map(
                                                    x ->
                                                            Map.entry(
                                                                    x,
                                                                    browser.metrics(
                                                                            GenerationQuery.of(
                                                                                    x.suite(),
                                                                                    x.arms()))))
                                            .orElse(null);
                                })
                        .onSuccess(
                                found -> {
                                    if (found == null) {
                                        status.set(
                                                "No generations to compare yet: profile two or"
                                                        + " more models on the text suite"
                                                        + " (heirloom profile).");
                                        return;
                                    }
                                    this.comparison = found.getKey();
                                    List<String> labels = new ArrayList<>();
                                    labels.add(ALL);
                                    found.getKey().arms().forEach(a -> labels.add(a.label()));
                                    metrics.setAll(found.getValue());
                                    arms.setAll(labels);
                                    if (metric.get() == null && !metrics.isEmpty()) {
                                        metric.set(metrics.get(0));
                                    }
                                    if (pendingDrill != null) {
                                        applyPending();
                                    } else {
                                        refresh();
                                    }
                                })
                        .onFailure(e -> status.set("Cannot open generations: " + e.getMessage())));
    }

    /**
     * The arm's strategy, for legends and tooltips ("max-mtld · max:mtld"); the label alone if
     * none.
     */
    public String armTitle(String label) {
        if (comparison == null) {
            return label;
        }
        return comparison.arms().stream()
                .filter(
                        a ->
                                a.label().equals(label)
                                        && a.strategy() != null
                                        && !a.strategy().equals(label))
                .map(a -> label + " · " + a.strategy())
                .findFirst()
                .orElse(label);
    }

    /** The query the current choices make; throws with a readable message for a bad range. */
    public GenerationQuery query() {
        if (comparison == null) {
            throw new IllegalStateException("no comparison of a generation suite");
        }
        GenerationQuery q = GenerationQuery.of(comparison.suite(), comparison.arms());
        String a = ALL.equals(arm.get()) ? null : arm.get();
        q = q.withArm(a, a == null ? -1 : replicate.get());
        double lo = number(min.get(), "min");
        double hi = number(max.get(), "max");
        if (metric.get() != null && (!Double.isNaN(lo) || !Double.isNaN(hi))) {
            q = q.withRanges(List.of(new CandidateQuery.MetricRange(metric.get(), lo, hi)));
        }
        return q.withSearch(search.get()).withSort(metric.get(), descending.get());
    }

    private static double number(String s, String field) {
        if (s == null || s.isBlank()) {
            return Double.NaN;
        }
        try {
            return Double.parseDouble(s.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(field + ": not a number: '" + s.strip() + "'");
        }
    }

    /** Re-evaluates the listing and the prompt list from the current choices. */
    public void refresh() {
        if (comparison == null) {
            return;
        }
        GenerationQuery q;
        try {
            q = query();
        } catch (IllegalArgumentException e) {
            status.set(e.getMessage());
            return;
        }
        status.set("Listing …");
        String m = metric.get();
        String s = search.get();
        executor.submit(
                JobSpec.of(
                                "List generations",
                                ctx -> {
                                    GenerationBrowser.Listing l = browser.open(q);
                                    List<GenerationRow> first = l.page(0, PAGE_SIZE);
                                    List<GenerationBrowser.PromptSpread> p =
                                            m == null
                                                    ? List.<GenerationBrowser.PromptSpread>of()
                                                    : browser.prompts(q, m, s, 0, 500);
                                    return new Listed(l, first, p);
                                })
                        .onSuccess(this::listed)
                        .onFailure(e -> status.set("Cannot list generations: " + e.getMessage())));
    }

    private record Listed(
            GenerationBrowser.Listing listing,
            List<GenerationRow> first,
            List<GenerationBrowser.PromptSpread> prompts) {}

    private void listed(Listed l) {
        if (listing != null) {
            GenerationBrowser.Listing old = listing;
            executor.submit(
                    JobSpec.of(
                            "Close listing",
                            ctx -> {
                                old.close();
                                return null;
                            }));
        }
        listing = l.listing();
        total.set(listing.total());
        prompts.setAll(l.prompts());
        if (page.get() != 0) {
            page.set(0); // loads page 0 again; cheap
        }
        rows.setAll(l.first());
        status.set(statusText());
        // The prompt the arms disagree on most opens side by side until the user picks another.
        if (prompt.get() == null && !l.prompts().isEmpty()) {
            prompt.set(l.prompts().get(0).itemKey());
        }
    }

    private String statusText() {
        int n = total.get();
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "%,d generations", n));
        sb.append(" · comparison ").append(comparison.name());
        sb.append(" (suite ").append(comparison.suite()).append(')');
        if (metric.get() != null) {
            sb.append(" · by ")
                    .append(metric.get())
                    .append(descending.get() ? ", largest first" : "");
        }
        return sb.toString();
    }

    private void loadPage() {
        GenerationBrowser.Listing l = listing;
        if (l == null) {
            return;
        }
        int p = page.get();
        executor.submit(
                JobSpec.of("Page of generations", ctx -> l.page(p * PAGE_SIZE, PAGE_SIZE))
                        .onSuccess(
                                list -> {
                                    if (l == listing && p == page.get()) {
                                        rows.setAll(list);
                                    }
                                })
                        .onFailure(e -> status.set("Cannot read page: " + e.getMessage())));
    }

    public int pages() {
        return Math.max(1, (total.get() + PAGE_SIZE - 1) / PAGE_SIZE);
    }

    /** Shows one prompt side by side: each arm's samples, then the teacher's candidates. */
    private void loadSideBySide(String itemKey) {
        if (itemKey == null || comparison == null) {
            sideBySide.clear();
            return;
        }
        GenerationQuery q =
                GenerationQuery.of(comparison.suite(), comparison.arms()).withItem(itemKey);
        executor.submit(
                JobSpec.of(
                                "Side by side",
                                ctx -> {
                                    List<GenerationRow> all;
                                    try (GenerationBrowser.Listing l = browser.open(q)) {
                                        all = l.page(0, l.total());
                                    }
                                    return new SideBySide(
                                            all.isEmpty() ? "" : all.get(0).prompt(),
                                            columns(all, browser.candidates(itemKey)));
                                })
                        .onSuccess(
                                cols -> {
                                    if (itemKey.equals(prompt.get())) {
                                        promptText.set(cols.prompt());
                                        sideBySide.setAll(cols.columns());
                                    }
                                })
                        .onFailure(e -> status.set("Cannot compare: " + e.getMessage())));
    }

    private record SideBySide(String prompt, List<Column> columns) {}

    private List<Column> columns(
            List<GenerationRow> all, List<GenerationBrowser.TeacherCandidate> candidates) {
        List<Column> out = new ArrayList<>();
        for (GenerationQuery.Arm a : comparison.arms()) {
            List<Entry> entries = new ArrayList<>();
            for (GenerationRow r : all) {
                if (r.arm().equals(a.label())) {
                    String label =
                            (a.modelIds().size() > 1 ? "r" + r.replicate() + " · " : "")
                                    + "sample "
                                    + r.sample();
                    entries.add(new Entry(label, r.text(), r.metrics(), false));
                }
            }
            out.add(new Column(armTitle(a.label()), entries));
        }
        if (!candidates.isEmpty()) {
            List<Entry> entries = new ArrayList<>();
            for (GenerationBrowser.TeacherCandidate c : candidates) {
                String label =
                        "candidate "
                                + c.index()
                                + (c.kept().isEmpty()
                                        ? ""
                                        : " · kept by " + String.join(", ", c.kept()));
                entries.add(new Entry(label, c.text(), c.metrics(), !c.kept().isEmpty()));
            }
            out.add(new Column("teacher candidates (" + candidates.get(0).run() + ")", entries));
        }
        return out;
    }

    /** Applies a chart's drill-down: that arm, that range, sorted by that metric. */
    public void apply(DrillDown d) {
        if (d.target() != DrillDown.Target.GENERATIONS) {
            throw new IllegalArgumentException("not a generations drill-down: " + d);
        }
        pendingDrill = d;
        if (comparison != null) {
            applyPending();
        }
    }

    private DrillDown pendingDrill;

    private void applyPending() {
        DrillDown d = pendingDrill;
        pendingDrill = null;
        if (d == null) {
            return;
        }
        arm.set(d.arm() == null || !arms.contains(d.arm()) ? ALL : d.arm());
        replicate.set(-1);
        if (metrics.contains(d.metric())) {
            metric.set(d.metric());
            min.set(Double.isNaN(d.min()) ? "" : Double.toString(d.min()));
            max.set(Double.isNaN(d.max()) ? "" : Double.toString(d.max()));
        } else {
            min.set("");
            max.set("");
        }
        descending.set(true);
        prompt.set(null);
        refresh();
    }

    /** Writes every row of the listing (not only the page shown) as CSV or JSONL, atomically. */
    public void export(Path file) {
        GenerationBrowser.Listing l = listing;
        if (l == null) {
            return;
        }
        List<String> cols = List.copyOf(metrics);
        boolean jsonl = file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".jsonl");
        executor.submit(
                JobSpec.of(
                                "Export generations",
                                ctx -> {
                                    Path tmp = file.resolveSibling(file.getFileName() + ".part");
                                    try (Writer w =
                                            Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
                                        if (!jsonl) {
                                            w.write(GenerationExport.csvHeader(cols));
                                        }
                                        ctx.progress().start(l.total(), "rows");
                                        for (int off = 0; off < l.total(); off += 1000) {
                                            ctx.checkCancelled();
                                            for (GenerationRow r : l.page(off, 1000)) {
                                                w.write(
                                                        jsonl
                                                                ? GenerationExport.jsonLine(r)
                                                                : GenerationExport.csvLine(
                                                                        r, cols));
                                            }
                                            ctx.progress().advance(Math.min(1000, l.total() - off));
                                        }
                                    } catch (IOException | RuntimeException e) {
                                        Files.deleteIfExists(tmp);
                                        throw e;
                                    }
                                    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
                                    return l.total();
                                })
                        .onSuccess(n -> status.set("Exported " + n + " rows to " + file))
                        .onFailure(e -> status.set("Cannot export: " + e.getMessage())));
    }

    /** The rows on screen as tab-separated text, for the clipboard. */
    public String copyText() {
        List<String> cols = List.copyOf(metrics);
        StringBuilder sb = new StringBuilder(GenerationExport.csvHeader(cols).replace(',', '\t'));
        for (GenerationRow r : rows) {
            sb.append(GenerationExport.tsvLine(r, cols));
        }
        return sb.toString();
    }

    @Override
    public void close() {
        if (listing != null) {
            GenerationBrowser.Listing l = listing;
            listing = null;
            executor.submit(
                    JobSpec.of(
                            "Close listing",
                            ctx -> {
                                l.close();
                                return null;
                            }));
        }
    }

    public ObservableList<String> arms() {
        return arms;
    }

    public ObservableList<String> metrics() {
        return metrics;
    }

    public ObjectProperty<String> arm() {
        return arm;
    }

    public IntegerProperty replicate() {
        return replicate;
    }

    public ObjectProperty<String> metric() {
        return metric;
    }

    public BooleanProperty descending() {
        return descending;
    }

    public StringProperty min() {
        return min;
    }

    public StringProperty max() {
        return max;
    }

    public StringProperty search() {
        return search;
    }

    public ObjectProperty<String> prompt() {
        return prompt;
    }

    public ObservableList<GenerationRow> rows() {
        return rows;
    }

    public ReadOnlyIntegerProperty total() {
        return total.getReadOnlyProperty();
    }

    public IntegerProperty page() {
        return page;
    }

    public ObservableList<GenerationBrowser.PromptSpread> prompts() {
        return prompts;
    }

    public ObservableList<Column> sideBySide() {
        return sideBySide;
    }

    /** The text of the prompt shown side by side. */
    public ReadOnlyStringProperty promptText() {
        return promptText;
    }

    public ReadOnlyStringProperty status() {
        return status;
    }
}
