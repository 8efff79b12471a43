package org.heirloom.project;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Listings of the samples stored by generation profiles, for the generations view over up to 10^5
 * and more profile items.
 *
 * <p>As in {@link CandidateBrowser}, {@link #open} evaluates a query once, in SQLite: the ordered
 * item keys go into a temporary table keyed by position, so any page is a range lookup however deep
 * it lies. Arms are passed in as a VALUES table (label, replicate, profile), so the one statement
 * filters by arm and replicate without knowing how the project names its models. Metric values live
 * in each item's JSON ({@code data.metrics}); SQLite's json_extract reads them.
 */
public final class GenerationBrowser {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final AtomicLong LISTINGS = new AtomicLong();

    private final Project project;

    public GenerationBrowser(Project project) {
        this.project = project;
    }

    /** One profile of an arm: which arm, which replicate, which model. */
    private record Member(int armOrder, String label, int replicate, long profileId) {}

    /** The latest complete profile of each arm model for the suite; models without one drop out. */
    private List<Member> members(Connection c, GenerationQuery q) throws SQLException {
        List<Member> out = new ArrayList<>();
        for (int a = 0; a < q.arms().size(); a++) {
            GenerationQuery.Arm arm = q.arms().get(a);
            for (int r = 0; r < arm.modelIds().size(); r++) {
                final int armOrder = a;
                final int rep = r;
                Sql.first(
                                c,
                                "SELECT id FROM profile WHERE model_id = ? AND suite = ?"
                                        + " AND status = 'complete' ORDER BY id DESC LIMIT 1",
                                rs -> new Member(armOrder, arm.label(), rep, rs.getLong(1)),
                                arm.modelIds().get(r),
                                q.suite())
                        .ifPresent(out::add);
            }
        }
        return out;
    }

    /** {@code WITH arm(ord, label, rep, pid) AS (VALUES …)} and its arguments. */
    private static String armTable(List<Member> members, List<Object> args) {
        StringBuilder sql = new StringBuilder("WITH arm(ord, label, rep, pid) AS (VALUES ");
        for (int i = 0; i < members.size(); i++) {
            Member m = members.get(i);
            sql.append(i == 0 ? "" : ", ").append("(?, ?, ?, ?)");
            args.add(m.armOrder());
            args.add(m.label());
            args.add(m.replicate());
            args.add(m.profileId());
        }
        return sql.append(") ").toString();
    }

    private static String path(String metric) {
        return "$.metrics." + GenerationQuery.checkMetric(metric);
    }

    /** Evaluates a query; the listing holds its rows' order until closed. */
    public Listing open(GenerationQuery q) {
        String table = "temp.generation_listing_" + LISTINGS.incrementAndGet();
        int total =
                project.read(
                        c -> {
                            Sql.update(
                                    c,
                                    "CREATE TABLE "
                                            + table
                                            + " (pos INTEGER PRIMARY KEY, pid INTEGER NOT NULL,"
                                            + " item_key TEXT NOT NULL, sample_idx INTEGER NOT NULL,"
                                            + " label TEXT NOT NULL, rep INTEGER NOT NULL)");
                            List<Member> members = members(c, q);
                            if (members.isEmpty()) {
                                return 0;
                            }
                            List<Object> args = new ArrayList<>();
                            String with = armTable(members, args);
                            StringBuilder where = new StringBuilder(" WHERE 1");
                            if (q.arm() != null) {
                                where.append(" AND a.label = ?");
                                args.add(q.arm());
                            }
                            if (q.replicate() >= 0) {
                                where.append(" AND a.rep = ?");
                                args.add(q.replicate());
                            }
                            if (q.itemKey() != null) {
                                where.append(" AND i.item_key = ?");
                                args.add(q.itemKey());
                            }
                            for (CandidateQuery.MetricRange r : q.ranges()) {
                                where.append(" AND json_extract(i.data, ?) IS NOT NULL");
                                args.add(path(r.metric()));
                                if (!Double.isNaN(r.min())) {
                                    where.append(" AND json_extract(i.data, ?) >= ?");
                                    args.add(path(r.metric()));
                                    args.add(r.min());
                                }
                                if (!Double.isNaN(r.max())) {
                                    where.append(" AND json_extract(i.data, ?) <= ?");
                                    args.add(path(r.metric()));
                                    args.add(r.max());
                                }
                            }
                            for (String word : q.search().split("\\s+")) {
                                if (word.isEmpty()) {
                                    continue;
                                }
                                String like = "%" + escapeLike(word) + "%";
                                where.append(
                                        " AND (i.text LIKE ? ESCAPE '\\'"
                                                + " OR json_extract(i.data, '$.prompt') LIKE ? ESCAPE '\\')");
                                args.add(like);
                                args.add(like);
                            }
                            StringBuilder order = new StringBuilder(" ORDER BY ");
                            if (q.sortMetric() != null) {
                                order.append(
                                                "json_extract(i.data, ?) IS NULL, json_extract(i.data, ?)")
                                        .append(q.descending() ? " DESC, " : ", ");
                                args.add(path(q.sortMetric()));
                                args.add(path(q.sortMetric()));
                            }
                            // Prompt order: p2 before p10.
                            order.append(
                                    "length(i.item_key), i.item_key, a.ord, a.rep, i.sample_idx");
                            return Sql.update(
                                    c,
                                    "INSERT INTO "
                                            + table
                                            + "(pid, item_key, sample_idx, label, rep) "
                                            + with
                                            + "SELECT i.profile_id, i.item_key, i.sample_idx,"
                                            + " a.label, a.rep FROM arm a JOIN profile_item i"
                                            + " ON i.profile_id = a.pid"
                                            + where
                                            + order,
                                    args.toArray());
                        });
        return new Listing(table, total);
    }

    static String escapeLike(String s) {
        return s.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    /** An evaluated query: its size and any page of it. Closing drops the temporary table. */
    public final class Listing implements AutoCloseable {
        private final String table;
        private final int total;
        private boolean closed; // guarded by the project's connection lock

        private Listing(String table, int total) {
            this.table = table;
            this.total = total;
        }

        public int total() {
            return total;
        }

        /** Rows {@code offset … offset+limit-1} (fewer at the end). */
        public List<GenerationRow> page(int offset, int limit) {
            return project.read(
                    c ->
                            Sql.list(
                                    c,
                                    "SELECT l.pos, l.label, l.rep, m.name, l.item_key,"
                                            + " l.sample_idx, i.text, i.data FROM "
                                            + table
                                            + " l JOIN profile_item i ON i.profile_id = l.pid"
                                            + " AND i.item_key = l.item_key"
                                            + " AND i.sample_idx = l.sample_idx"
                                            + " JOIN profile p ON p.id = l.pid"
                                            + " JOIN model m ON m.id = p.model_id"
                                            + " WHERE l.pos BETWEEN ? AND ? ORDER BY l.pos",
                                    rs -> {
                                        JsonNode data = parse(rs.getString(8));
                                        return new GenerationRow(
                                                rs.getInt(1) - 1,
                                                rs.getString(2),
                                                rs.getInt(3),
                                                rs.getString(4),
                                                rs.getString(5),
                                                rs.getInt(6),
                                                data.path("prompt").asText(""),
                                                rs.getString(7),
                                                metrics(data));
                                    },
                                    offset + 1L,
                                    (long) offset + limit));
        }

        @Override
        public void close() {
            project.read(
                    c -> {
                        if (!closed) {
                            closed = true;
                            Sql.update(c, "DROP TABLE IF EXISTS " + table);
                        }
                        return null;
                    });
        }
    }

    /**
     * A prompt and how far apart the arms' means of a metric lie on it.
     *
     * @param spread largest arm mean − smallest (over every replicate and sample of the arm)
     * @param arms arms with a value on the prompt
     */
    public record PromptSpread(String itemKey, String prompt, double spread, int arms) {}

    /**
     * The prompts the arms answered, where they differ most on {@code metric} first (prompts where
     * fewer than two arms have a value last); {@code search} keeps prompts containing every word.
     */
    public List<PromptSpread> prompts(
            GenerationQuery q, String metric, String search, int offset, int limit) {
        return project.read(
                c -> {
                    List<Member> members = members(c, q);
                    if (members.isEmpty()) {
                        return List.of();
                    }
                    List<Object> args = new ArrayList<>();
                    String with = armTable(members, args);
                    args.add(path(metric));
                    StringBuilder where = new StringBuilder(" WHERE 1");
                    for (String word : search == null ? new String[0] : search.split("\\s+")) {
                        if (!word.isBlank()) {
                            where.append(" AND prompt LIKE ? ESCAPE '\\'");
                            args.add("%" + escapeLike(word.strip()) + "%");
                        }
                    }
                    args.add(limit);
                    args.add(offset);
                    return Sql.list(
                            c,
                            with
                                    + ", per AS (SELECT i.item_key AS k, a.label AS l,"
                                    + " avg(json_extract(i.data, ?)) AS v,"
                                    + " max(json_extract(i.data, '$.prompt')) AS prompt"
                                    + " FROM arm a JOIN profile_item i ON i.profile_id = a.pid"
                                    + " GROUP BY i.item_key, a.label),"
                                    + " spread AS (SELECT k, max(prompt) AS prompt,"
                                    + " max(v) - min(v) AS s, count(v) AS n FROM per GROUP BY k)"
                                    + " SELECT k, prompt, s, n FROM spread"
                                    + where
                                    + " ORDER BY n < 2, s DESC, length(k), k LIMIT ? OFFSET ?",
                            rs ->
                                    new PromptSpread(
                                            rs.getString(1),
                                            rs.getString(2) == null ? "" : rs.getString(2),
                                            rs.getInt(4) < 2 ? Double.NaN : rs.getDouble(3),
                                            rs.getInt(4)),
                            args.toArray());
                });
    }

    /**
     * One of the teacher's candidates for a prompt, as a run stored it.
     *
     * @param kept the selections that keep it (by name), empty where none does
     */
    public record TeacherCandidate(
            String run,
            String teacher,
            int index,
            String text,
            Map<String, Double> metrics,
            List<String> kept) {}

    /**
     * Every run's candidates for the prompt behind {@code itemKey} ({@code p<id>}), with their
     * scores and the selections that keep them; empty for a prompt no run generated for (an
     * evaluation prompt).
     */
    public List<TeacherCandidate> candidates(String itemKey) {
        if (itemKey == null || !itemKey.matches("p\\d+")) {
            return List.of();
        }
        long promptId = Long.parseLong(itemKey.substring(1));
        return project.read(
                c -> {
                    record Raw(long id, String run, String teacher, int idx, String text) {}
                    List<Raw> raws =
                            Sql.list(
                                    c,
                                    "SELECT c.id, r.name, t.spec, c.idx, c.text FROM candidate c"
                                            + " JOIN run r ON r.id = c.run_id"
                                            + " JOIN run_teacher t ON t.id = c.teacher_id"
                                            + " WHERE c.prompt_id = ? ORDER BY r.id, t.idx, c.idx",
                                    rs ->
                                            new Raw(
                                                    rs.getLong(1),
                                                    rs.getString(2),
                                                    rs.getString(3),
                                                    rs.getInt(4),
                                                    rs.getString(5)),
                                    promptId);
                    List<TeacherCandidate> out = new ArrayList<>();
                    for (Raw r : raws) {
                        Map<String, Double> m = new LinkedHashMap<>();
                        for (Object[] row :
                                Sql.list(
                                        c,
                                        "SELECT m.name, s.value FROM score s JOIN metric m"
                                                + " ON m.id = s.metric_id WHERE s.candidate_id = ?"
                                                + " ORDER BY m.id",
                                        rs ->
                                                new Object[] {
                                                    rs.getString(1), Sql.doubleOrNaN(rs, 2)
                                                },
                                        r.id())) {
                            m.putIfAbsent((String) row[0], (Double) row[1]);
                        }
                        List<String> kept =
                                Sql.list(
                                        c,
                                        "SELECT s.name FROM selected x JOIN selection s"
                                                + " ON s.id = x.selection_id"
                                                + " WHERE x.candidate_id = ? ORDER BY s.name",
                                        rs -> rs.getString(1),
                                        r.id());
                        out.add(
                                new TeacherCandidate(
                                        r.run(), r.teacher(), r.idx(), r.text(), m, kept));
                    }
                    return out;
                });
    }

    /** The metric names the suite's items of these arms carry, in stored order. */
    public List<String> metrics(GenerationQuery q) {
        return project.read(
                c -> {
                    for (Member m : members(c, q)) {
                        var data =
                                Sql.first(
                                        c,
                                        "SELECT data FROM profile_item WHERE profile_id = ?"
                                                + " AND data IS NOT NULL LIMIT 1",
                                        rs -> rs.getString(1),
                                        m.profileId());
                        if (data.isPresent()) {
                            return List.copyOf(metrics(parse(data.get())).keySet());
                        }
                    }
                    return List.<String>of();
                });
    }

    private static JsonNode parse(String data) {
        if (data == null) {
            return JSON.createObjectNode();
        }
        try {
            return JSON.readTree(data);
        } catch (java.io.IOException e) {
            // A received project is data: an unreadable item shows without scores.
            return JSON.createObjectNode();
        }
    }

    private static Map<String, Double> metrics(JsonNode data) {
        Map<String, Double> out = new LinkedHashMap<>();
        data.path("metrics")
                .fields()
                .forEachRemaining(
                        e ->
                                out.put(
                                        e.getKey(),
                                        e.getValue().isNumber()
                                                ? e.getValue().asDouble()
                                                : Double.NaN));
        return out;
    }
}
