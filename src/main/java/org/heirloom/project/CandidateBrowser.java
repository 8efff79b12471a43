package org.heirloom.project;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Sorted, filtered and searched listings of a run's candidates, for a table over up to millions of
 * rows.
 *
 * <p>{@link #open} evaluates a query once, in SQLite: the ordered ids go into a temporary table
 * whose integer key is the row's position. Any page is then a range lookup on that key, as fast at
 * row 900,000 as at row 0, whatever the order or filter. LIMIT/OFFSET ({@link #pageByOffset}, kept
 * as the benchmark's baseline) steps over every earlier row and, for an order no index gives, sorts
 * the whole run again for every page.
 *
 * <p>Over 600 lines because the filter, sort and search clauses are built as SQL text here and must
 * agree with the temporary-table layout they read; split, that agreement would span files.
 */
public final class CandidateBrowser {

    /** Characters of prompt and candidate text a table row carries. */
    public static final int SNIPPET = 240;

    private static final AtomicLong LISTINGS = new AtomicLong();

    private final Project project;

    public CandidateBrowser(Project project) {
        this.project = project;
    }

    public Project project() {
        return project;
    }

    /** Every run, by name. */
    public List<RunRecord> runs() {
        return project.read(
                c ->
                        Sql.list(
                                c,
                                "SELECT id, name, prompt_set_id, k, seed, params, status FROM run"
                                        + " ORDER BY name",
                                rs ->
                                        new RunRecord(
                                                rs.getLong(1),
                                                rs.getString(2),
                                                rs.getLong(3),
                                                rs.getInt(4),
                                                rs.getLong(5),
                                                rs.getString(6),
                                                rs.getString(7))));
    }

    /** The selections made over a run, by name. */
    public List<SelectionRecord> selections(long runId) {
        return project.read(
                c ->
                        Sql.list(
                                c,
                                "SELECT id, run_id, name, strategy, summary FROM selection"
                                        + " WHERE run_id = ? ORDER BY name",
                                rs ->
                                        new SelectionRecord(
                                                rs.getLong(1),
                                                rs.getLong(2),
                                                rs.getString(3),
                                                rs.getString(4),
                                                rs.getString(5)),
                                runId));
    }

    public List<RunTeacherRecord> teachers(long runId) {
        return new RunRepository(project).teachers(runId);
    }

    /** The metrics scored in a run, by name: the table's metric columns. */
    public List<MetricRef> metrics(long runId) {
        return List.copyOf(new ScoreRepository(project).scoredMetrics(runId).values());
    }

    /** Evaluates a query; the listing holds its rows' order until closed. */
    public CandidateListing open(CandidateQuery q) {
        List<MetricRef> metrics = metrics(q.runId());
        Filter filter = filter(q, metrics);
        String table = "temp.candidate_listing_" + LISTINGS.incrementAndGet();
        int total =
                project.read(
                        c -> {
                            Sql.update(
                                    c,
                                    "CREATE TABLE "
                                            + table
                                            + " (pos INTEGER PRIMARY KEY, cid INTEGER NOT NULL)");
                            // Segments in order; each INSERT ... ORDER BY appends its rows with
                            // consecutive keys 1, 2, … (the table starts empty and only grows).
                            int n = 0;
                            for (Segment seg : segments(c, q, metrics, filter)) {
                                List<Object> args = new ArrayList<>(seg.before());
                                if (seg.sql().contains(F)) {
                                    args.addAll(filter.args());
                                }
                                args.addAll(seg.after());
                                n +=
                                        Sql.update(
                                                c,
                                                "INSERT INTO "
                                                        + table
                                                        + "(cid) "
                                                        + seg.sql().replace(F, filter.where()),
                                                args.toArray());
                            }
                            return n;
                        });
        return new CandidateListing(this, q, metrics, table, total);
    }

    /** One page straight from the query with LIMIT/OFFSET: the baseline {@link #open} beats. */
    public CandidatePage pageByOffset(CandidateQuery q, int offset, int limit) {
        List<MetricRef> metrics = metrics(q.runId());
        Plan plan = naivePlan(q, metrics);
        List<Object> args = new ArrayList<>();
        args.add(q.selectionId());
        args.addAll(plan.args);
        args.add(limit);
        args.add(offset);
        String sql =
                ROW_COLUMNS
                        + plan.from
                        + " JOIN prompt p ON p.id = c.prompt_id JOIN run_teacher t ON t.id ="
                        + " c.teacher_id"
                        + plan.where
                        + " ORDER BY "
                        + plan.order
                        + " LIMIT ? OFFSET ?";
        return project.read(c -> new CandidatePage(offset, rows(c, sql, args, metrics)));
    }

    /** How many candidates a query lists, counted directly. */
    public long count(CandidateQuery q) {
        Plan plan = naivePlan(q, metrics(q.runId()));
        return project.read(
                c ->
                        Sql.first(
                                        c,
                                        "SELECT count(*) " + plan.from + plan.where,
                                        rs -> rs.getLong(1),
                                        plan.args.toArray())
                                .orElse(0L));
    }

    /** The selected flag, then the row: what {@link #rows} reads. */
    static final String ROW_COLUMNS =
            "SELECT EXISTS (SELECT 1 FROM selected ks WHERE ks.selection_id = ?"
                    + " AND ks.prompt_id = c.prompt_id AND ks.candidate_id = c.id),"
                    + " c.id, c.prompt_id, p.idx, substr(p.text, 1, "
                    + SNIPPET
                    + "), t.spec, c.idx, substr(c.text, 1, "
                    + SNIPPET
                    + "), c.token_count, c.finish_reason ";

    /** Rows of {@link #ROW_COLUMNS}, with the metrics' scores looked up per row. */
    static List<CandidatePage.Row> rows(
            Connection c, String sql, List<Object> args, List<MetricRef> metrics)
            throws SQLException {
        List<CandidatePage.Row> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            Sql.bind(ps, args.toArray());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    int tokens = rs.getInt(9);
                    if (rs.wasNull()) {
                        tokens = -1;
                    }
                    double[] scores = new double[metrics.size()];
                    java.util.Arrays.fill(scores, Double.NaN);
                    out.add(
                            new CandidatePage.Row(
                                    rs.getLong(2),
                                    rs.getLong(3),
                                    rs.getInt(4),
                                    rs.getString(5),
                                    rs.getString(6),
                                    rs.getInt(7),
                                    rs.getString(8),
                                    tokens,
                                    rs.getString(10),
                                    scores,
                                    rs.getInt(1) == 1));
                }
            }
        }
        fillScores(c, out, metrics);
        return out;
    }

    private static void fillScores(
            Connection c, List<CandidatePage.Row> rows, List<MetricRef> metrics)
            throws SQLException {
        if (rows.isEmpty() || metrics.isEmpty()) {
            return;
        }
        Map<Long, CandidatePage.Row> byId = new LinkedHashMap<>();
        rows.forEach(r -> byId.put(r.id(), r));
        Map<Long, Integer> column = new LinkedHashMap<>();
        for (int i = 0; i < metrics.size(); i++) {
            column.put(metrics.get(i).id(), i);
        }
        String ids = String.join(",", byId.keySet().stream().map(String::valueOf).toList());
        String mids = String.join(",", column.keySet().stream().map(String::valueOf).toList());
        // Ids are our own longs, so inlining them is safe; one statement for the whole page.
        try (PreparedStatement ps =
                        c.prepareStatement(
                                "SELECT candidate_id, metric_id, value FROM score WHERE candidate_id"
                                        + " IN ("
                                        + ids
                                        + ") AND metric_id IN ("
                                        + mids
                                        + ")");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                CandidatePage.Row r = byId.get(rs.getLong(1));
                double v = Sql.doubleOrNaN(rs, 3);
                r.scores()[column.get(rs.getLong(2))] = v;
            }
        }
    }

    /** A candidate in full. */
    public CandidateDetail detail(long candidateId) {
        return project.read(
                c -> {
                    CandidateDetail head =
                            Sql.first(
                                            c,
                                            "SELECT c.id, p.idx, p.text, t.spec, c.idx, c.seed, c.text,"
                                                    + " c.token_count, c.finish_reason, c.logprob,"
                                                    + " c.reasoning"
                                                    + " FROM candidate c JOIN prompt p ON p.id = c.prompt_id"
                                                    + " JOIN run_teacher t ON t.id = c.teacher_id"
                                                    + " WHERE c.id = ?",
                                            rs -> {
                                                int tokens = rs.getInt(8);
                                                if (rs.wasNull()) {
                                                    tokens = -1;
                                                }
                                                return new CandidateDetail(
                                                        rs.getLong(1),
                                                        rs.getInt(2),
                                                        rs.getString(3),
                                                        rs.getString(4),
                                                        rs.getInt(5),
                                                        rs.getLong(6),
                                                        rs.getString(7),
                                                        tokens,
                                                        rs.getString(9),
                                                        Sql.doubleOrNaN(rs, 10),
                                                        rs.getString(11),
                                                        List.of(),
                                                        List.of());
                                            },
                                            candidateId)
                                    .orElseThrow(
                                            () ->
                                                    new IllegalArgumentException(
                                                            "no candidate with id " + candidateId));
                    List<CandidateDetail.Score> scores =
                            Sql.list(
                                    c,
                                    "SELECT m.name, m.version, m.params, s.value FROM score s"
                                            + " JOIN metric m ON m.id = s.metric_id"
                                            + " WHERE s.candidate_id = ? ORDER BY m.name, m.id",
                                    rs ->
                                            new CandidateDetail.Score(
                                                    rs.getString(1),
                                                    new MetricRef(
                                                                    0,
                                                                    rs.getString(1),
                                                                    rs.getString(2),
                                                                    rs.getString(3))
                                                            .label(),
                                                    Sql.doubleOrNaN(rs, 4)),
                                    candidateId);
                    List<String> keptBy =
                            Sql.list(
                                    c,
                                    "SELECT s.name FROM selected k JOIN selection s"
                                            + " ON s.id = k.selection_id WHERE k.candidate_id = ?"
                                            + " ORDER BY s.name",
                                    rs -> rs.getString(1),
                                    candidateId);
                    return new CandidateDetail(
                            head.id(),
                            head.promptIndex(),
                            head.prompt(),
                            head.teacher(),
                            head.index(),
                            head.seed(),
                            head.text(),
                            head.tokens(),
                            head.finishReason(),
                            head.logprob(),
                            head.reasoning(),
                            scores,
                            keptBy);
                });
    }

    /** Conditions on candidate {@code c} every listed row meets, with their arguments. */
    private record Filter(String where, List<Object> args) {
        /** Whether the filter is only "this run". */
        boolean runOnly() {
            return args.size() == 1;
        }
    }

    /**
     * A run of consecutive listing rows that one index-ordered SELECT yields: a sort is a few of
     * them (one per teacher, say, or the rows with a value and then those without), so SQLite never
     * sorts the whole run.
     *
     * @param where " AND …" after the filter, or empty
     */
    private record Segment(String sql, List<Object> before, List<Object> after) {
        /** Candidates meeting the filter and {@code where}, in {@code order}. */
        static Segment of(String from, String where, String order, Object... args) {
            return new Segment(
                    "SELECT c.id FROM " + from + " WHERE " + F + where + " ORDER BY " + order,
                    List.of(),
                    List.of(args));
        }
    }

    /** Where a segment's SQL takes the filter's conditions (its arguments bind there too). */
    private static final String F = "{filter}";

    /** The single-statement form (one ORDER BY over everything): the LIMIT/OFFSET baseline. */
    private record Plan(String from, String where, List<Object> args, String order) {}

    private static final String CANDIDATES = "candidate c";

    // Prompt and teacher ids are assigned in index order when a set or run is created and never
    // change, so the unique (run, prompt, teacher, index) key gives prompt order without a join.
    private static final String PROMPT_ORDER = "c.prompt_id, c.teacher_id, c.idx";

    private List<Segment> segments(
            Connection c, CandidateQuery q, List<MetricRef> metrics, Filter filter)
            throws SQLException {
        CandidateQuery.Sort sort = q.sort();
        boolean desc = sort.descending();
        String d = desc ? " DESC" : "";
        List<Segment> out = new ArrayList<>();
        switch (sort.column()) {
            case PROMPT ->
                    out.add(
                            Segment.of(
                                    CANDIDATES,
                                    "",
                                    desc
                                            ? "c.prompt_id DESC, c.teacher_id DESC, c.idx DESC"
                                            : PROMPT_ORDER));
            case TEACHER -> {
                for (Object v :
                        values(
                                c,
                                "SELECT id FROM run_teacher WHERE run_id = ? ORDER BY idx" + d,
                                q.runId())) {
                    out.add(Segment.of(CANDIDATES, " AND c.teacher_id = ?", PROMPT_ORDER, v));
                }
            }
            case INDEX -> {
                for (Object v :
                        values(
                                c,
                                "SELECT DISTINCT idx FROM candidate WHERE run_id = ? ORDER BY 1"
                                        + d,
                                q.runId())) {
                    out.add(Segment.of(CANDIDATES, " AND c.idx = ?", PROMPT_ORDER, v));
                }
            }
            case FINISH -> {
                for (Object v :
                        values(
                                c,
                                "SELECT DISTINCT finish_reason FROM candidate WHERE run_id = ?"
                                        + " AND finish_reason IS NOT NULL ORDER BY 1"
                                        + d,
                                q.runId())) {
                    out.add(Segment.of(CANDIDATES, " AND c.finish_reason = ?", PROMPT_ORDER, v));
                }
                out.add(Segment.of(CANDIDATES, " AND c.finish_reason IS NULL", PROMPT_ORDER));
            }
            case TOKENS -> {
                if (filter.runOnly()) {
                    // The (run, tokens) index alone answers it, in order.
                    out.add(
                            Segment.of(
                                    CANDIDATES,
                                    " AND c.token_count IS NOT NULL",
                                    "c.token_count" + d + ", c.id" + d));
                } else {
                    // Walk the index in order; the filter's rows are a set built once (reading
                    // candidate rows in token order would be a random read per row).
                    out.add(
                            new Segment(
                                    "SELECT t.id FROM candidate t WHERE t.run_id = ? AND"
                                            + " t.token_count IS NOT NULL AND t.id IN (SELECT c.id FROM"
                                            + " candidate c WHERE "
                                            + F
                                            + ") ORDER BY t.token_count"
                                            + d
                                            + ", t.id"
                                            + d,
                                    List.of(q.runId()),
                                    List.of()));
                }
                out.add(Segment.of(CANDIDATES, " AND c.token_count IS NULL", PROMPT_ORDER));
            }
            case SELECTED -> {
                String kept = "c.id IN (SELECT candidate_id FROM selected WHERE selection_id = ?)";
                Segment yes = Segment.of(CANDIDATES, " AND " + kept, PROMPT_ORDER, q.selectionId());
                Segment no =
                        Segment.of(CANDIDATES, " AND NOT " + kept, PROMPT_ORDER, q.selectionId());
                out.addAll(desc ? List.of(no, yes) : List.of(yes, no));
            }
            case METRIC -> {
                long m = metric(metrics, sort.metric()).id();
                long[] span = filter.runOnly() ? contiguousIds(c, q.runId()) : null;
                if (span != null) {
                    // The run's ids are one unbroken range (a run is written in order): the
                    // check that a score belongs to it needs no lookup at all.
                    out.add(
                            new Segment(
                                    "SELECT so.candidate_id FROM score so WHERE so.metric_id = ?"
                                            + " AND so.value IS NOT NULL AND so.candidate_id BETWEEN ?"
                                            + " AND ? ORDER BY so.value"
                                            + d
                                            + ", so.candidate_id"
                                            + d,
                                    List.of(m, span[0], span[1]),
                                    List.of()));
                } else {
                    // The (metric, value) index in order, each entry checked against the filter's
                    // rows, a set built once: looking up candidate rows in value order would be a
                    // random read per row.
                    out.add(
                            new Segment(
                                    "SELECT so.candidate_id FROM score so WHERE so.metric_id = ? AND"
                                            + " so.value IS NOT NULL AND so.candidate_id IN (SELECT c.id"
                                            + " FROM candidate c WHERE "
                                            + F
                                            + ") ORDER BY so.value"
                                            + d
                                            + ", so.candidate_id"
                                            + d,
                                    List.of(m),
                                    List.of()));
                }
                out.add(
                        Segment.of(
                                CANDIDATES,
                                " AND NOT EXISTS (SELECT 1 FROM score sn WHERE sn.candidate_id ="
                                        + " c.id AND sn.metric_id = ? AND +sn.value IS NOT NULL)",
                                PROMPT_ORDER,
                                m));
            }
        }
        return out;
    }

    /** The first and last candidate id of a run when it holds every id between; else null. */
    private static long[] contiguousIds(Connection c, long runId) throws SQLException {
        long[] r =
                Sql.first(
                                c,
                                "SELECT min(id), max(id), count(*) FROM candidate WHERE run_id = ?",
                                rs -> new long[] {rs.getLong(1), rs.getLong(2), rs.getLong(3)},
                                runId)
                        .orElseThrow();
        return r[2] > 0 && r[1] - r[0] + 1 == r[2] ? new long[] {r[0], r[1]} : null;
    }

    private static List<Object> values(Connection c, String sql, Object... args)
            throws SQLException {
        return Sql.list(c, sql, rs -> rs.getObject(1), args);
    }

    private Plan naivePlan(CandidateQuery q, List<MetricRef> metrics) {
        Filter f = filter(q, metrics);
        List<Object> args = new ArrayList<>();
        StringBuilder from = new StringBuilder("FROM candidate c");
        CandidateQuery.Sort sort = q.sort();
        String d = sort.descending() ? " DESC" : "";
        String order =
                switch (sort.column()) {
                    case PROMPT ->
                            sort.descending()
                                    ? "c.prompt_id DESC, c.teacher_id DESC, c.idx DESC"
                                    : PROMPT_ORDER;
                    case TEACHER -> "c.teacher_id" + d + ", " + PROMPT_ORDER;
                    case INDEX -> "c.idx" + d + ", " + PROMPT_ORDER;
                    case TOKENS ->
                            "c.token_count IS NULL, c.token_count"
                                    + d
                                    + ", "
                                    + nullsInPromptOrder("c.token_count")
                                    + ", c.id"
                                    + d;
                    case FINISH ->
                            "c.finish_reason IS NULL, c.finish_reason" + d + ", " + PROMPT_ORDER;
                    case SELECTED -> {
                        from.append(
                                " LEFT JOIN selected k ON k.selection_id = ? AND k.prompt_id ="
                                        + " c.prompt_id AND k.candidate_id = c.id");
                        args.add(q.selectionId());
                        yield "k.candidate_id IS NULL" + d + ", " + PROMPT_ORDER;
                    }
                    case METRIC -> {
                        from.append(
                                " LEFT JOIN score so ON so.candidate_id = c.id AND so.metric_id = ?");
                        args.add(metric(metrics, sort.metric()).id());
                        // Rows without a value in id order, as the segments list them.
                        yield "so.value IS NULL, so.value"
                                + d
                                + ", "
                                + nullsInPromptOrder("so.value")
                                + ", so.candidate_id"
                                + d;
                    }
                };
        args.addAll(f.args());
        return new Plan(from.toString(), " WHERE " + f.where(), args, order);
    }

    /** Rows without a value, as the segments list them: in prompt order. */
    private static String nullsInPromptOrder(String value) {
        StringBuilder sb = new StringBuilder();
        for (String col : PROMPT_ORDER.split(", ")) {
            sb.append(sb.length() == 0 ? "" : ", ")
                    .append("CASE WHEN ")
                    .append(value)
                    .append(" IS NULL THEN ")
                    .append(col)
                    .append(" END");
        }
        return sb.toString();
    }

    private Filter filter(CandidateQuery q, List<MetricRef> metrics) {
        List<Object> args = new ArrayList<>();
        StringBuilder where = new StringBuilder("c.run_id = ?");
        args.add(q.runId());
        if (q.teacherId() != 0) {
            where.append(" AND c.teacher_id = ?");
            args.add(q.teacherId());
        }
        if (q.selectedOnly()) {
            where.append(" AND c.id IN (SELECT candidate_id FROM selected WHERE selection_id = ?)");
            args.add(q.selectionId());
        }
        for (CandidateQuery.MetricRange r : q.ranges()) {
            // "+value" keeps the planner on the (candidate, metric) key: a range on the
            // (metric, value) index would scan it once per candidate.
            where.append(
                    " AND EXISTS (SELECT 1 FROM score sr WHERE sr.candidate_id = c.id"
                            + " AND sr.metric_id = ? AND +sr.value IS NOT NULL");
            args.add(metric(metrics, r.metric()).id());
            if (!Double.isNaN(r.min())) {
                where.append(" AND +sr.value >= ?");
                args.add(r.min());
            }
            if (!Double.isNaN(r.max())) {
                where.append(" AND +sr.value <= ?");
                args.add(r.max());
            }
            where.append(")");
        }
        appendSearch(q.search(), where, args);
        return new Filter(where.toString(), args);
    }

    /**
     * Every word must occur: through the FTS5 index for the candidates it covers (words by prefix),
     * by LIKE (anywhere in the text, ASCII case-insensitive) for the rest.
     */
    private void appendSearch(String search, StringBuilder where, List<Object> args) {
        List<String> words = CandidateSearchIndex.words(search);
        if (words.isEmpty()) {
            return;
        }
        long upTo = project.read(CandidateSearchIndex::upTo);
        // FTS5 tokens are letters and digits: a word with anything else (punctuation) is also
        // checked by LIKE, so that it means the same text with and without the index.
        List<String> ftsWords =
                words.stream()
                        .filter(w -> w.codePoints().anyMatch(Character::isLetterOrDigit))
                        .toList();
        List<String> likeOnly =
                words.stream()
                        .filter(w -> !w.codePoints().allMatch(Character::isLetterOrDigit))
                        .toList();
        StringBuilder like = new StringBuilder();
        for (String w : words) {
            like.append(like.length() == 0 ? "" : " AND ").append("c.text LIKE ? ESCAPE '\\'");
        }
        if (upTo > 0 && !ftsWords.isEmpty()) {
            where.append(" AND ((c.id <= ? AND c.id IN (SELECT rowid FROM ")
                    .append(CandidateSearchIndex.TABLE)
                    .append(" WHERE ")
                    .append(CandidateSearchIndex.TABLE)
                    .append(" MATCH ?)");
            args.add(upTo);
            args.add(CandidateSearchIndex.matchQuery(ftsWords));
            for (String w : likeOnly) {
                where.append(" AND c.text LIKE ? ESCAPE '\\'");
                args.add(CandidateSearchIndex.likePattern(w));
            }
            where.append(") OR (c.id > ? AND ").append(like).append("))");
            args.add(upTo);
        } else {
            where.append(" AND ").append(like);
        }
        for (String w : words) {
            args.add(CandidateSearchIndex.likePattern(w));
        }
    }

    private static MetricRef metric(List<MetricRef> metrics, String name) {
        return metrics.stream()
                .filter(m -> m.name().equals(name))
                .findFirst()
                .orElseThrow(
                        () ->
                                new IllegalArgumentException(
                                        "metric '"
                                                + name
                                                + "' is not scored in this run (scored: "
                                                + String.join(
                                                        ", ",
                                                        metrics.stream()
                                                                .map(MetricRef::name)
                                                                .toList())
                                                + ")"));
    }
}
