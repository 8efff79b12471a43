package org.heirloom.share;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import org.heirloom.project.Project;
import org.heirloom.project.RunRecord;

/**
 * Hostile project files built in code, shared by the CLI and workbench tests: a plausible received
 * project (a run with candidates, a selection, a trained model), then tampered with by SQL that a
 * colleague's file could carry.
 */
public final class HostileCorpus {

    /** Fixture name → the SQL it adds ({@code " ;; "} separates statements). */
    private static final String[][] REFUSED = {
        {
            "trigger-after-insert",
            "CREATE TRIGGER t AFTER INSERT ON score BEGIN DELETE FROM selected; END"
        },
        {
            "trigger-before-insert",
            "CREATE TRIGGER t BEFORE INSERT ON model BEGIN UPDATE model SET location = '/etc'; END"
        },
        {"trigger-update", "CREATE TRIGGER t AFTER UPDATE ON run BEGIN DELETE FROM candidate; END"},
        {
            "trigger-delete",
            "CREATE TRIGGER t BEFORE DELETE ON prompt BEGIN SELECT RAISE(ABORT, 'x'); END"
        },
        {
            "view-recursive",
            "CREATE VIEW v AS WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n)"
                    + " SELECT count(*) FROM n"
        },
        {
            "view-instead-of",
            "CREATE VIEW v AS SELECT * FROM model ;; CREATE TRIGGER t INSTEAD OF INSERT ON v BEGIN"
                    + " DELETE FROM prompt; END"
        },
        {"extra-table", "CREATE TABLE payload(x BLOB)"},
        {
            "schema-lie-definition",
            "PRAGMA foreign_keys = OFF ;; DROP TABLE recipe ;; CREATE TABLE recipe (id INTEGER"
                    + " PRIMARY KEY, name TEXT NOT NULL UNIQUE, yaml TEXT NOT NULL DEFAULT 'x',"
                    + " created_at TEXT NOT NULL, updated_at TEXT NOT NULL)"
        },
        {"schema-lie-version", "PRAGMA user_version = 2"},
        {"parent-cycle", "UPDATE model SET parent_id = id"},
    };

    private HostileCorpus() {}

    /** A plausible received project in {@code dir/received/}. */
    public static Path received(Path dir, String name) {
        try (Project p = ImportFixtures.create(dir.resolve("received"), name)) {
            long set = ImportFixtures.promptSet(p, "set", 3);
            RunRecord run = ImportFixtures.run(p, "run", set, 7, 2);
            ImportFixtures.scoreSelectTrain(p, run, set);
            return p.file();
        }
    }

    /** Runs raw SQL on a file, as a hostile tool would (no Heirloom checks). */
    public static void tamper(Path f, String... sql) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + f);
                Statement st = c.createStatement()) {
            for (String s : sql) {
                st.execute(s);
            }
        }
    }

    /** Files that carry SQL or lie about themselves: every use must refuse them. */
    public static Map<String, Path> refused(Path dir) throws Exception {
        Map<String, Path> corpus = new LinkedHashMap<>();
        for (String[] fx : REFUSED) {
            Path f = received(dir, fx[0]);
            tamper(f, fx[1].split(" ;; "));
            corpus.put(fx[0], f);
        }
        return corpus;
    }
}
