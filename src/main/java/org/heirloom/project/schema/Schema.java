package org.heirloom.project.schema;

import java.util.List;

/**
 * The project file's schema as a list of forward-only migrations. {@code PRAGMA user_version} holds
 * the number of the last applied one; {@code PRAGMA application_id} marks our files.
 */
public final class Schema {

    /** "HRLM" in ASCII: what {@code PRAGMA application_id} holds in every Heirloom project. */
    public static final int APPLICATION_ID = 0x48524C4D;

    private static final List<Migration> MIGRATIONS =
            List.of(
                    new Migration(
                            1,
                            "project metadata, prompt sets, models",
                            List.of(
                                    """
                                    CREATE TABLE project_meta (
                                      key   TEXT PRIMARY KEY,
                                      value TEXT NOT NULL
                                    )""",
                                    """
                                    CREATE TABLE prompt_set (
                                      id         INTEGER PRIMARY KEY,
                                      name       TEXT NOT NULL UNIQUE,
                                      source     TEXT,
                                      created_at TEXT NOT NULL
                                    )""",
                                    """
                                    CREATE TABLE prompt (
                                      id            INTEGER PRIMARY KEY,
                                      prompt_set_id INTEGER NOT NULL REFERENCES prompt_set(id) ON DELETE CASCADE,
                                      idx           INTEGER NOT NULL,
                                      text          TEXT NOT NULL,
                                      reference     TEXT,
                                      split         TEXT NOT NULL DEFAULT 'train',
                                      content_hash  TEXT NOT NULL,
                                      UNIQUE (prompt_set_id, idx),
                                      UNIQUE (prompt_set_id, content_hash)
                                    )""",
                                    """
                                    CREATE TABLE model (
                                      id           INTEGER PRIMARY KEY,
                                      name         TEXT NOT NULL UNIQUE,
                                      kind         TEXT NOT NULL CHECK (kind IN ('local', 'endpoint', 'imported', 'trained')),
                                      location     TEXT,
                                      content_hash TEXT,
                                      config       TEXT,
                                      role         TEXT,
                                      parent_id    INTEGER REFERENCES model(id),
                                      created_at   TEXT NOT NULL
                                    )""",
                                    """
                                    CREATE TABLE model_file (
                                      model_id INTEGER NOT NULL REFERENCES model(id) ON DELETE CASCADE,
                                      path     TEXT NOT NULL,
                                      data     BLOB NOT NULL,
                                      PRIMARY KEY (model_id, path)
                                    )""",
                                    """
                                    CREATE TABLE recipe (
                                      id         INTEGER PRIMARY KEY,
                                      name       TEXT NOT NULL UNIQUE,
                                      yaml       TEXT NOT NULL,
                                      created_at TEXT NOT NULL,
                                      updated_at TEXT NOT NULL
                                    )""")),
                    new Migration(
                            2,
                            "generation runs, candidates, scores, selections",
                            List.of(
                                    """
                                    CREATE TABLE run (
                                      id            INTEGER PRIMARY KEY,
                                      name          TEXT NOT NULL UNIQUE,
                                      prompt_set_id INTEGER NOT NULL REFERENCES prompt_set(id),
                                      k             INTEGER NOT NULL CHECK (k > 0),
                                      seed          INTEGER NOT NULL,
                                      params        TEXT NOT NULL,
                                      status        TEXT NOT NULL,
                                      created_at    TEXT NOT NULL
                                    )""",
                                    """
                                    CREATE TABLE run_teacher (
                                      id         INTEGER PRIMARY KEY,
                                      run_id     INTEGER NOT NULL REFERENCES run(id) ON DELETE CASCADE,
                                      idx        INTEGER NOT NULL,
                                      spec       TEXT NOT NULL,
                                      model_id   INTEGER REFERENCES model(id),
                                      provenance TEXT,
                                      UNIQUE (run_id, idx)
                                    )""",
                                    """
                                    CREATE TABLE candidate (
                                      id            INTEGER PRIMARY KEY,
                                      run_id        INTEGER NOT NULL REFERENCES run(id) ON DELETE CASCADE,
                                      prompt_id     INTEGER NOT NULL REFERENCES prompt(id),
                                      teacher_id    INTEGER NOT NULL REFERENCES run_teacher(id),
                                      idx           INTEGER NOT NULL,
                                      seed          INTEGER NOT NULL,
                                      text          TEXT NOT NULL,
                                      token_count   INTEGER,
                                      finish_reason TEXT,
                                      logprob       REAL,
                                      UNIQUE (run_id, prompt_id, teacher_id, idx)
                                    )""",
                                    """
                                    CREATE TABLE metric (
                                      id      INTEGER PRIMARY KEY,
                                      name    TEXT NOT NULL,
                                      version TEXT NOT NULL,
                                      params  TEXT NOT NULL DEFAULT '{}',
                                      UNIQUE (name, version, params)
                                    )""",
                                    """
                                    CREATE TABLE score (
                                      candidate_id INTEGER NOT NULL REFERENCES candidate(id) ON DELETE CASCADE,
                                      metric_id    INTEGER NOT NULL REFERENCES metric(id),
                                      value        REAL,
                                      PRIMARY KEY (candidate_id, metric_id)
                                    ) WITHOUT ROWID""",
                                    "CREATE INDEX score_by_metric ON score(metric_id)",
                                    """
                                    CREATE TABLE selection (
                                      id         INTEGER PRIMARY KEY,
                                      run_id     INTEGER NOT NULL REFERENCES run(id) ON DELETE CASCADE,
                                      name       TEXT NOT NULL UNIQUE,
                                      strategy   TEXT NOT NULL,
                                      summary    TEXT,
                                      created_at TEXT NOT NULL
                                    )""",
                                    """
                                    CREATE TABLE selected (
                                      selection_id INTEGER NOT NULL REFERENCES selection(id) ON DELETE CASCADE,
                                      prompt_id    INTEGER NOT NULL REFERENCES prompt(id),
                                      candidate_id INTEGER NOT NULL REFERENCES candidate(id),
                                      value        REAL,
                                      PRIMARY KEY (selection_id, prompt_id)
                                    )""")),
                    new Migration(
                            3,
                            "per-candidate provenance, run bookkeeping",
                            List.of(
                                    // How a candidate was obtained beyond the run's own parameters
                                    // (e.g. an endpoint's n-choices vs per-seed requests), JSON.
                                    "ALTER TABLE candidate ADD COLUMN provenance TEXT",
                                    "ALTER TABLE run ADD COLUMN updated_at TEXT")),
                    new Migration(
                            4,
                            "fine-tuning: trainings, loss curves, checkpoints",
                            List.of(
                                    """
                                    CREATE TABLE training (
                                      id              INTEGER PRIMARY KEY,
                                      name            TEXT NOT NULL UNIQUE,
                                      base_model_id   INTEGER REFERENCES model(id),
                                      base_location   TEXT NOT NULL,
                                      data_source     TEXT NOT NULL,
                                      data_hash       TEXT NOT NULL,
                                      selection_id    INTEGER REFERENCES selection(id),
                                      config          TEXT NOT NULL,
                                      seed            INTEGER NOT NULL,
                                      replicate       INTEGER NOT NULL DEFAULT 0,
                                      total_steps     INTEGER NOT NULL,
                                      status          TEXT NOT NULL CHECK (status IN ('running', 'done', 'failed', 'cancelled')),
                                      output_model_id INTEGER REFERENCES model(id),
                                      created_at      TEXT NOT NULL,
                                      finished_at     TEXT
                                    )""",
                                    """
                                    CREATE TABLE training_log (
                                      training_id INTEGER NOT NULL REFERENCES training(id) ON DELETE CASCADE,
                                      step        INTEGER NOT NULL,
                                      split       TEXT NOT NULL CHECK (split IN ('train', 'heldout')),
                                      loss        REAL NOT NULL,
                                      lr          REAL,
                                      tokens      INTEGER NOT NULL,
                                      PRIMARY KEY (training_id, step, split)
                                    ) WITHOUT ROWID""",
                                    """
                                    CREATE TABLE training_checkpoint (
                                      training_id INTEGER NOT NULL REFERENCES training(id) ON DELETE CASCADE,
                                      step        INTEGER NOT NULL,
                                      location    TEXT NOT NULL,
                                      created_at  TEXT NOT NULL,
                                      PRIMARY KEY (training_id, step)
                                    )""")),
                    new Migration(
                            5,
                            "model profiles and their items",
                            List.of(
                                    """
                                    CREATE TABLE profile (
                                      id         INTEGER PRIMARY KEY,
                                      model_id   INTEGER NOT NULL REFERENCES model(id),
                                      suite      TEXT NOT NULL,
                                      config     TEXT NOT NULL,
                                      status     TEXT NOT NULL,
                                      summary    TEXT,
                                      created_at TEXT NOT NULL,
                                      UNIQUE (model_id, suite, config)
                                    )""",
                                    """
                                    CREATE TABLE profile_item (
                                      profile_id INTEGER NOT NULL REFERENCES profile(id) ON DELETE CASCADE,
                                      item_key   TEXT NOT NULL,
                                      sample_idx INTEGER NOT NULL DEFAULT 0,
                                      text       TEXT,
                                      value      REAL,
                                      data       TEXT,
                                      PRIMARY KEY (profile_id, item_key, sample_idx)
                                    ) WITHOUT ROWID""")),
                    new Migration(
                            6,
                            "candidate table: orders by metric value and by token count",
                            List.of(
                                    // Entries of a WITHOUT ROWID table's index end with its key, so
                                    // this orders by (metric, value, candidate): a metric sort of a
                                    // run reads it in order instead of sorting 10^6 rows. It also
                                    // serves every lookup the (metric_id) index did.
                                    "CREATE INDEX score_by_metric_value ON score(metric_id, value)",
                                    "DROP INDEX score_by_metric",
                                    "CREATE INDEX candidate_by_tokens ON candidate(run_id, token_count)")),
                    new Migration(
                            7,
                            "candidate reasoning, split off the answer",
                            List.of(
                                    // A reasoning model's <think>…</think> (or analysis channel)
                                    // text; candidate.text keeps the answer, which scores see.
                                    "ALTER TABLE candidate ADD COLUMN reasoning TEXT")),
                    new Migration(
                            8,
                            "prompts a run skipped or truncated because they do not fit a teacher",
                            List.of(
                                    """
                                    CREATE TABLE run_skip (
                                      run_id     INTEGER NOT NULL REFERENCES run(id) ON DELETE CASCADE,
                                      prompt_id  INTEGER NOT NULL REFERENCES prompt(id),
                                      teacher_id INTEGER NOT NULL REFERENCES run_teacher(id) ON DELETE CASCADE,
                                      action     TEXT NOT NULL,
                                      reason     TEXT NOT NULL,
                                      PRIMARY KEY (run_id, prompt_id, teacher_id)
                                    ) WITHOUT ROWID""")));

    private Schema() {}

    public static List<Migration> migrations() {
        return MIGRATIONS;
    }

    /** The schema version this build writes. */
    public static int latestVersion() {
        return MIGRATIONS.get(MIGRATIONS.size() - 1).version();
    }
}
