package org.heirloom.project.candidate;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.heirloom.project.Project;
import org.heirloom.project.Sql;
import org.heirloom.project.schema.SchemaAudit;

/**
 * Full-text search over candidate texts: an SQLite FTS5 index built lazily and incrementally
 * (candidates in id order, a batch per transaction, so it resumes where it stopped), with a LIKE
 * scan for what it does not cover yet.
 *
 * <p>The index is derived data, not part of the schema's migrations: it is created on first use in
 * a writable project. It records the highest candidate id it holds ({@code project_meta} key
 * {@value #UPTO_KEY}); candidates are never updated or deleted (a resumed run keeps what exists),
 * so every candidate up to that id is indexed and everything above is matched by LIKE. Should a
 * file ever hold fewer ids than that (rows removed by hand), the index is rebuilt.
 */
public final class CandidateSearchIndex {

    static final String TABLE = "candidate_fts";
    static final String UPTO_KEY = "search_index_upto";

    private final Project project;

    public CandidateSearchIndex(Project project) {
        this.project = project;
    }

    /** The index's definition; {@link SchemaAudit} allows exactly this one in a file. */
    public static String createSql() {
        return "CREATE VIRTUAL TABLE "
                + TABLE
                + " USING fts5(text, content='candidate',"
                + " content_rowid='id', tokenize='unicode61')";
    }

    /** Whether this SQLite has FTS5 and the index can exist here (writable, or already built). */
    public boolean usable() {
        return project.read(c -> fts5(c) && (!project.isReadOnly() || exists(c)));
    }

    /** Candidates not yet in the index (all of them where there is none). */
    public long pending() {
        return project.read(
                c ->
                        Sql.first(
                                        c,
                                        "SELECT count(*) FROM candidate WHERE id > ?",
                                        rs -> rs.getLong(1),
                                        upTo(c))
                                .orElse(0L));
    }

    /**
     * Indexes up to {@code max} more candidates in one transaction; returns how many (0 when the
     * index is complete or cannot be built here).
     */
    public int indexNext(int max) {
        if (project.isReadOnly() || !project.read(CandidateSearchIndex::fts5)) {
            return 0;
        }
        return project.write(
                c -> {
                    if (!exists(c)) {
                        Sql.update(c, createSql());
                    }
                    long from = upTo(c);
                    long top =
                            Sql.first(c, "SELECT max(id) FROM candidate", rs -> rs.getLong(1))
                                    .orElse(0L);
                    if (top < from) {
                        // Rows vanished under the index: start over.
                        Sql.update(c, "DELETE FROM " + TABLE);
                        from = 0;
                    }
                    long last =
                            Sql.first(
                                            c,
                                            "SELECT max(id) FROM (SELECT id FROM candidate WHERE id > ?"
                                                    + " ORDER BY id LIMIT ?)",
                                            rs -> rs.getLong(1),
                                            from,
                                            max)
                                    .orElse(0L);
                    if (last <= from) {
                        return 0;
                    }
                    int n =
                            Sql.update(
                                    c,
                                    "INSERT INTO "
                                            + TABLE
                                            + "(rowid, text) SELECT id, text FROM candidate"
                                            + " WHERE id > ? AND id <= ? ORDER BY id",
                                    from,
                                    last);
                    Sql.update(
                            c,
                            "INSERT INTO project_meta(key, value) VALUES (?, ?)"
                                    + " ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                            UPTO_KEY,
                            Long.toString(last));
                    return n;
                });
    }

    /** The highest candidate id the index holds; 0 when there is no usable index. */
    public long indexedUpTo() {
        return project.read(CandidateSearchIndex::upTo);
    }

    static long upTo(Connection c) throws SQLException {
        if (!exists(c)) {
            return 0;
        }
        return Sql.first(
                        c,
                        "SELECT value FROM project_meta WHERE key = ?",
                        rs -> Long.parseLong(rs.getString(1)),
                        UPTO_KEY)
                .orElse(0L);
    }

    static boolean exists(Connection c) throws SQLException {
        return Sql.exists(
                c, "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", TABLE);
    }

    public static boolean fts5(Connection c) throws SQLException {
        return Sql.first(
                        c,
                        "SELECT sqlite_compileoption_used('ENABLE_FTS5')",
                        rs -> rs.getInt(1) == 1)
                .orElse(false);
    }

    /** The words of a search (whitespace-separated, lower-cased); empty for a blank search. */
    static List<String> words(String search) {
        List<String> out = new ArrayList<>();
        for (String w : search.strip().split("\\s+")) {
            if (!w.isEmpty()) {
                out.add(w.toLowerCase(Locale.ROOT));
            }
        }
        return out;
    }

    /** An FTS5 query: every word, each as a quoted prefix (so no word is read as an operator). */
    static String matchQuery(List<String> words) {
        StringBuilder sb = new StringBuilder();
        for (String w : words) {
            sb.append(sb.length() == 0 ? "" : " ")
                    .append('"')
                    .append(w.replace("\"", "\"\""))
                    .append("\"*");
        }
        return sb.toString();
    }

    /** A LIKE pattern matching {@code word} anywhere (ESCAPE '\'). */
    static String likePattern(String word) {
        return "%" + word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
    }
}
