package org.heirloom.ui.candidates;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.heirloom.job.JobExecutor;
import org.heirloom.job.JobSpec;
import org.heirloom.project.CandidateBrowser;
import org.heirloom.project.CandidateDetail;
import org.heirloom.project.CandidateListing;
import org.heirloom.project.CandidatePage;
import org.heirloom.project.CandidateQuery;
import org.heirloom.project.CandidateSearchIndex;
import org.heirloom.project.MetricRef;
import org.heirloom.project.Project;
import org.heirloom.project.RunRecord;
import org.heirloom.project.RunTeacherRecord;
import org.heirloom.project.SelectionRecord;

/**
 * The runs and candidates view's state: a run, its candidates as a paged list over SQLite (sorted,
 * filtered and searched there, never loaded whole), the selection whose kept candidates are
 * highlighted, and the chosen candidate in full. Every query runs as a job off the UI thread;
 * unit-testable with a synchronous executor.
 */
public final class CandidatesViewModel implements AutoCloseable {

    /** Rows per fetch: a few screens of the table. */
    public static final int PAGE_SIZE = 200;

    /** Page requests kept waiting; older ones (scrolled past) are dropped. */
    static final int MAX_WAITING_PAGES = 6;

    /** Candidates indexed for search per job step (one committed transaction each). */
    static final int INDEX_BATCH = 50_000;

    private final JobExecutor executor;
    private final CandidateBrowser browser;

    private final ObservableList<RunRecord> runs = FXCollections.observableArrayList();
    private final ObjectProperty<RunRecord> run = new SimpleObjectProperty<>();
    private final ObservableList<SelectionRecord> selections = FXCollections.observableArrayList();
    private final ObjectProperty<SelectionRecord> selection = new SimpleObjectProperty<>();
    private final ObservableList<RunTeacherRecord> teachers = FXCollections.observableArrayList();
    private final ObjectProperty<RunTeacherRecord> teacher = new SimpleObjectProperty<>();
    private final ObservableList<String> metrics = FXCollections.observableArrayList();
    private final BooleanProperty selectedOnly = new SimpleBooleanProperty();
    private final StringProperty search = new SimpleStringProperty("");
    private final ObjectProperty<String> rangeMetric = new SimpleObjectProperty<>();
    private final StringProperty rangeMin = new SimpleStringProperty("");
    private final StringProperty rangeMax = new SimpleStringProperty("");
    private final ObjectProperty<CandidateQuery.Sort> sort =
            new SimpleObjectProperty<>(CandidateQuery.Sort.by(CandidateQuery.Column.PROMPT, false));
    private final StringProperty status = new SimpleStringProperty("Loading runs …");
    private final ObjectProperty<CandidatePage.Row> current = new SimpleObjectProperty<>();
    private final ObjectProperty<CandidateDetail> detail = new SimpleObjectProperty<>();
    private final CandidateRowList rows;

    private CandidateListing listing;
    private final Deque<Integer> waiting = new ArrayDeque<>();
    private boolean fetching;
    private boolean loadingRun;
    private boolean indexing;

    public CandidatesViewModel(JobExecutor executor, Project project) {
        this(executor, project, 0);
    }

    /** Opens on the run with id {@code runId} (the first run by name when 0 or unknown). */
    public CandidatesViewModel(JobExecutor executor, Project project, long runId) {
        this.executor = executor;
        this.browser = new CandidateBrowser(project);
        this.rows = new CandidateRowList(PAGE_SIZE, this::requestPage);
        run.addListener((obs, old, now) -> loadRun(now));
        // Choices that change the listing at once; the text fields apply with applyFilters().
        selection.addListener((obs, old, now) -> requeryUnlessLoading());
        teacher.addListener((obs, old, now) -> requeryUnlessLoading());
        selectedOnly.addListener((obs, old, now) -> requeryUnlessLoading());
        sort.addListener((obs, old, now) -> requeryUnlessLoading());
        current.addListener((obs, old, now) -> loadDetail(now));
        executor.submit(
                JobSpec.of("List runs", ctx -> browser.runs())
                        .onSuccess(
                                list -> {
                                    runs.setAll(list);
                                    if (list.isEmpty()) {
                                        status.set(
                                                "No runs yet: generate candidates first"
                                                        + " (heirloom generate-candidates).");
                                    } else {
                                        run.set(
                                                list.stream()
                                                        .filter(r -> r.id() == runId)
                                                        .findFirst()
                                                        .orElse(list.get(0)));
                                    }
                                })
                        .onFailure(e -> status.set("Cannot list runs: " + e.getMessage())));
    }

    /** What a run brings: teachers, selections, metric columns. */
    private record RunParts(
            List<RunTeacherRecord> teachers,
            List<SelectionRecord> selections,
            List<MetricRef> metrics) {}

    private void loadRun(RunRecord r) {
        if (r == null) {
            return;
        }
        status.set("Loading run " + r.name() + " …");
        executor.submit(
                JobSpec.of(
                                "Open run " + r.name(),
                                ctx ->
                                        new RunParts(
                                                browser.teachers(r.id()),
                                                browser.selections(r.id()),
                                                browser.metrics(r.id())))
                        .onSuccess(
                                parts -> {
                                    if (r != run.get()) {
                                        return;
                                    }
                                    // One listing for the new run, not one per reset choice.
                                    loadingRun = true;
                                    try {
                                        teachers.setAll(parts.teachers());
                                        teacher.set(null);
                                        selections.setAll(parts.selections());
                                        selection.set(
                                                parts.selections().isEmpty()
                                                        ? null
                                                        : parts.selections().get(0));
                                        selectedOnly.set(false);
                                        metrics.setAll(
                                                parts.metrics().stream()
                                                        .map(MetricRef::name)
                                                        .toList());
                                        applyShowSelection(parts.selections());
                                        rangeMetric.set(null);
                                        rangeMin.set("");
                                        rangeMax.set("");
                                        search.set("");
                                        sort.set(
                                                sortAfterLoad != null
                                                        ? sortAfterLoad
                                                        : CandidateQuery.Sort.by(
                                                                CandidateQuery.Column.PROMPT,
                                                                false));
                                        sortAfterLoad = null;
                                    } finally {
                                        loadingRun = false;
                                    }
                                    requery();
                                })
                        .onFailure(e -> status.set("Cannot open run: " + e.getMessage())));
    }

    /** A chart drill-down's selection, applied when the run's selections are known. */
    private String[] showSelection;

    /** Opens on this selection's candidates (only the kept ones if asked), by the metric. */
    public void showSelection(String name, boolean keptOnly, String metric) {
        showSelection = new String[] {name, Boolean.toString(keptOnly), metric};
        if (!selections.isEmpty()) {
            // The run is loaded already: apply now.
            applyShowSelection(List.copyOf(selections));
            if (sortAfterLoad != null) {
                sort.set(sortAfterLoad);
                sortAfterLoad = null;
            }
        }
    }

    private void applyShowSelection(List<SelectionRecord> list) {
        String[] want = showSelection;
        showSelection = null;
        if (want == null) {
            return;
        }
        list.stream()
                .filter(x -> x.name().equals(want[0]))
                .findFirst()
                .ifPresent(
                        x -> {
                            selection.set(x);
                            selectedOnly.set(Boolean.parseBoolean(want[1]));
                        });
        if (want[2] != null && metrics.contains(want[2])) {
            sortAfterLoad = CandidateQuery.Sort.byMetric(want[2], true);
        }
    }

    private CandidateQuery.Sort sortAfterLoad;

    private void requeryUnlessLoading() {
        if (!loadingRun) {
            requery();
        }
    }

    /** Applies the search text and the metric range (the choices apply as soon as made). */
    public void applyFilters() {
        requery();
    }

    /** Sorts on the server: by a column, or by a metric. */
    public void sortBy(CandidateQuery.Sort s) {
        sort.set(s == null ? CandidateQuery.Sort.by(CandidateQuery.Column.PROMPT, false) : s);
    }

    private CandidateQuery query() {
        RunRecord r = run.get();
        SelectionRecord sel = selection.get();
        boolean only = selectedOnly.get() && sel != null;
        List<CandidateQuery.MetricRange> ranges = new ArrayList<>();
        String m = rangeMetric.get();
        double min = bound(rangeMin.get(), "minimum");
        double max = bound(rangeMax.get(), "maximum");
        if (m != null && !m.isBlank() && !(Double.isNaN(min) && Double.isNaN(max))) {
            ranges.add(new CandidateQuery.MetricRange(m, min, max));
        }
        CandidateQuery.Sort s = sort.get();
        if (s.column() == CandidateQuery.Column.SELECTED && sel == null) {
            s = CandidateQuery.Sort.by(CandidateQuery.Column.PROMPT, false);
        }
        return new CandidateQuery(
                r.id(),
                s,
                sel == null ? 0 : sel.id(),
                only,
                teacher.get() == null ? 0 : teacher.get().id(),
                ranges,
                search.get());
    }

    private static double bound(String text, String what) {
        if (text == null || text.isBlank()) {
            return Double.NaN;
        }
        try {
            return Double.parseDouble(text.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    "the " + what + " '" + text.strip() + "' is not a number");
        }
    }

    private void requery() {
        RunRecord r = run.get();
        if (r == null) {
            return;
        }
        CandidateQuery q;
        try {
            q = query();
        } catch (IllegalArgumentException e) {
            status.set(e.getMessage());
            return;
        }
        CandidateListing old = listing;
        listing = null;
        waiting.clear();
        rows.reset(0);
        current.set(null);
        status.set("Querying " + r.name() + " …");
        long t0 = System.nanoTime();
        executor.submit(
                JobSpec.of(
                                "List candidates of " + r.name(),
                                ctx -> {
                                    if (old != null) {
                                        old.close();
                                    }
                                    return browser.open(q);
                                })
                        .onSuccess(
                                l -> {
                                    if (listing != null || !q.equals(currentQueryOrNull())) {
                                        // Superseded while it ran.
                                        closeQuietly(l);
                                        return;
                                    }
                                    listing = l;
                                    rows.reset(l.total());
                                    status.set(describe(l, (System.nanoTime() - t0) / 1e6));
                                })
                        .onFailure(e -> status.set("Cannot list candidates: " + e.getMessage())));
        if (!q.search().isEmpty()) {
            indexForSearch();
        }
    }

    private CandidateQuery currentQueryOrNull() {
        try {
            return run.get() == null ? null : query();
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private String describe(CandidateListing l, double ms) {
        CandidateQuery q = l.query();
        StringBuilder sb = new StringBuilder(String.format("%,d candidates", l.total()));
        CandidateQuery.Sort s = q.sort();
        if (s.column() != CandidateQuery.Column.PROMPT || s.descending()) {
            sb.append(" · sorted by ")
                    .append(
                            s.metric() != null
                                    ? s.metric()
                                    : s.column().name().toLowerCase(java.util.Locale.ROOT))
                    .append(s.descending() ? " ↓" : " ↑");
        }
        if (!q.search().isEmpty()) {
            sb.append(" · matching \"").append(q.search()).append('"');
        }
        if (selection.get() != null) {
            sb.append(" · highlighted: kept by ").append(selection.get().name());
        }
        return sb.append(String.format(" · %.0f ms", ms)).toString();
    }

    /** Builds the search index in the background, a committed batch at a time (resumable). */
    private void indexForSearch() {
        if (indexing || browser.project().isReadOnly()) {
            return;
        }
        indexing = true;
        executor.submit(
                JobSpec.of(
                                "Index candidate texts for search",
                                ctx -> {
                                    CandidateSearchIndex index =
                                            new CandidateSearchIndex(browser.project());
                                    if (!index.usable()) {
                                        return 0L;
                                    }
                                    long done = 0;
                                    ctx.progress()
                                            .start(index.pending(), "Indexing candidate texts");
                                    int n;
                                    while ((n = index.indexNext(INDEX_BATCH)) > 0) {
                                        ctx.checkCancelled();
                                        done += n;
                                        ctx.progress().advance(n);
                                    }
                                    return done;
                                })
                        .onSuccess(n -> indexing = false)
                        .onFailure(e -> indexing = false)
                        .onCancelled(() -> indexing = false));
    }

    /** Queues a page fetch; the newest request goes first, stale ones are dropped. */
    private void requestPage(int generation, int page) {
        waiting.remove(page);
        waiting.addFirst(page);
        while (waiting.size() > MAX_WAITING_PAGES) {
            rows.forget(generation, waiting.removeLast());
        }
        fetchNext();
    }

    private void fetchNext() {
        if (fetching || waiting.isEmpty() || listing == null) {
            return;
        }
        int page = waiting.removeFirst();
        int generation = rows.generation();
        CandidateListing l = listing;
        fetching = true;
        executor.submit(
                JobSpec.of(
                                "Candidates " + page * PAGE_SIZE + "…",
                                ctx -> l.page(page * PAGE_SIZE, PAGE_SIZE))
                        .onSuccess(
                                p -> {
                                    fetching = false;
                                    rows.deliver(generation, page, p.rows());
                                    fetchNext();
                                })
                        .onFailure(
                                e -> {
                                    fetching = false;
                                    rows.forget(generation, page);
                                    if (!l.isClosed()) {
                                        status.set("Cannot read candidates: " + e.getMessage());
                                    }
                                    fetchNext();
                                }));
    }

    private void loadDetail(CandidatePage.Row row) {
        if (row == null) {
            detail.set(null);
            return;
        }
        executor.submit(
                JobSpec.of("Candidate " + row.id(), ctx -> browser.detail(row.id()))
                        .onSuccess(
                                d -> {
                                    if (current.get() == row) {
                                        detail.set(d);
                                    }
                                })
                        .onFailure(e -> status.set("Cannot read candidate: " + e.getMessage())));
    }

    private static void closeQuietly(CandidateListing l) {
        try {
            l.close();
        } catch (RuntimeException e) {
            // The project closed first: its temporary tables went with it.
        }
    }

    @Override
    public void close() {
        if (listing != null) {
            closeQuietly(listing);
            listing = null;
        }
    }

    /** The table's items: {@link #total()} rows, each {@code null} until its page arrives. */
    public ObservableList<CandidatePage.Row> rows() {
        return rows;
    }

    /** Rows of the current listing; 0 while a query runs. */
    public int total() {
        return rows.size();
    }

    public ObservableList<RunRecord> runs() {
        return runs;
    }

    public ObjectProperty<RunRecord> run() {
        return run;
    }

    public ObservableList<SelectionRecord> selections() {
        return selections;
    }

    public ObjectProperty<SelectionRecord> selection() {
        return selection;
    }

    public ObservableList<RunTeacherRecord> teachers() {
        return teachers;
    }

    public ObjectProperty<RunTeacherRecord> teacher() {
        return teacher;
    }

    /** The metric columns, in the order of each row's scores. */
    public ObservableList<String> metrics() {
        return metrics;
    }

    public BooleanProperty selectedOnly() {
        return selectedOnly;
    }

    public StringProperty search() {
        return search;
    }

    public ObjectProperty<String> rangeMetric() {
        return rangeMetric;
    }

    public StringProperty rangeMin() {
        return rangeMin;
    }

    public StringProperty rangeMax() {
        return rangeMax;
    }

    public ReadOnlyObjectProperty<CandidateQuery.Sort> sort() {
        return sort;
    }

    public ReadOnlyStringProperty status() {
        return status;
    }

    /** The candidate chosen in the table (set by the view). */
    public ObjectProperty<CandidatePage.Row> current() {
        return current;
    }

    public ReadOnlyObjectProperty<CandidateDetail> detail() {
        return detail;
    }
}
