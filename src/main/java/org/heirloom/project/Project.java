package org.heirloom.project;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.concurrent.locks.ReentrantLock;
import org.sqlite.ProgressHandler;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteConnection;
import org.sqlite.SQLiteLimits;

/**
 * An open project file: one SQLite database used as an application file format. There is no
 * "unsaved" state: every {@link #write} is its own committed transaction. Access is serialised
 * through one connection, so a project can be shared by the UI and background jobs.
 *
 * <p>Over 600 lines on purpose: this class is the one gate to a (possibly received) file, so
 * opening, the schema audit, the defensive connection settings, journal modes, cancellation and
 * atomic export stay in one place where their interplay can be reviewed together.
 */
public final class Project implements AutoCloseable {

    /** How to open a project. */
    public enum Mode {
        READ_WRITE,
        READ_ONLY
    }

    /** Files up to this size get a full {@code PRAGMA quick_check} on open. */
    private static final long QUICK_CHECK_LIMIT = 64L << 20;

    /** SQLite virtual-machine steps between two checks for cancellation. */
    private static final int PROGRESS_OPS = 10_000;

    /** How long a writer waits for another one before giving up (a long import, a training). */
    static final int BUSY_TIMEOUT_MS = 10 * 60_000;

    private static final java.time.Duration INFO_LIMIT = java.time.Duration.ofMinutes(1);

    private final Path file;
    private final Connection connection;

    /** Whether the connection is in WAL mode: entered at the first write, or found so. */
    private boolean wal;

    private final boolean readOnly;
    private final ReentrantLock lock = new ReentrantLock();
    private Path temporaryCopy;
    private int fileSchemaVersion = -1;

    /** Set by {@link #interrupt()}: the running statement stops at its next progress check. */
    private volatile boolean interruptRequested;

    /** {@link System#nanoTime()} after which the running statement stops; 0 = no limit. */
    private volatile long deadline;

    /** Sees the statements of {@link #read} and {@link #write}; null (the rule) = none. */
    private volatile StatementObserver observer;

    private Project(Path file, Connection connection, boolean readOnly) throws SQLException {
        this.file = file;
        this.connection = connection;
        this.readOnly = readOnly;
        if (!readOnly) {
            try (Statement st = connection.createStatement();
                    ResultSet rs = st.executeQuery("PRAGMA journal_mode")) {
                wal = rs.next() && "wal".equalsIgnoreCase(rs.getString(1));
            }
        }
        // The cancellation path for every query: a hostile file cannot hang a command or the GUI.
        ProgressHandler.setHandler(
                connection,
                PROGRESS_OPS,
                new ProgressHandler() {
                    @Override
                    protected int progress() {
                        long d = deadline;
                        return interruptRequested || (d != 0 && System.nanoTime() - d > 0) ? 1 : 0;
                    }
                });
    }

    /**
     * Stops the statement running now (from any thread, e.g. a cancel button): it fails with a
     * {@link ProjectException}; later statements run normally.
     */
    public void interrupt() {
        interruptRequested = true;
    }

    /** Like {@link #read}, but a statement still running after {@code limit} is stopped. */
    public <T> T readWithin(java.time.Duration limit, SqlWork<T> work) {
        lock.lock();
        try {
            deadline = System.nanoTime() + limit.toNanos();
            return read(work);
        } finally {
            deadline = 0;
            lock.unlock();
        }
    }

    /** Creates a new project file; refuses to overwrite an existing file. */
    public static Project create(Path file, String name) {
        if (Files.exists(file)) {
            throw ProjectException.about(file, "already exists; choose another file name");
        }
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
        } catch (IOException e) {
            throw ProjectException.about(file, "cannot create folder (" + e.getMessage() + ")", e);
        }
        try {
            Connection c = connect(file, false);
            try (Statement st = c.createStatement()) {
                st.execute("PRAGMA application_id = " + Schema.APPLICATION_ID);
            }
            Project p = new Project(file, c, false);
            p.migrate(Schema.latestVersion());
            p.write(
                    conn -> {
                        putMeta(conn, "name", name);
                        putMeta(conn, "created_at", Instant.now().toString());
                        putMeta(conn, "created_with", org.heirloom.Version.current());
                        return null;
                    });
            return p;
        } catch (SQLException e) {
            throw ProjectException.about(file, "cannot create project (" + e.getMessage() + ")", e);
        }
    }

    public static Project open(Path file) {
        return open(file, Mode.READ_WRITE);
    }

    /**
     * Opens an existing project. The file is checked first without writing to it: not SQLite, not
     * ours, truncated, corrupt or made by a newer schema → {@link ProjectException}, file
     * untouched. Then, unless read-only, older schemas are migrated forward.
     */
    public static Project open(Path file, Mode mode) {
        return open(file, mode, Schema.latestVersion());
    }

    /** Opens and migrates only up to {@code targetVersion}; for migration tests. */
    static Project open(Path file, Mode mode, int targetVersion) {
        ProjectFileHeader header = ProjectFileHeader.read(file);
        int latest = Schema.latestVersion();
        boolean olderSchema = false;
        int fileVersion;
        // Check with a read-only connection first: nothing below can change the file.
        try (Connection probe = connect(file, true)) {
            // From SQLite, not the raw header: with a WAL beside the file, page 1 may live there.
            int applicationId = pragmaInt(probe, "application_id");
            if (applicationId != Schema.APPLICATION_ID) {
                throw ProjectException.about(
                        file,
                        String.format(
                                "not a Heirloom project (SQLite database with application id"
                                        + " 0x%08x)",
                                applicationId));
            }
            int version = pragmaInt(probe, "user_version");
            fileVersion = version;
            // Migrations only ever add, so a newer file is readable as far as this build knows
            // it; writing could break what the newer version expects.
            if (version > latest && mode == Mode.READ_WRITE) {
                throw ProjectException.about(
                        file,
                        "made by a newer Heirloom (schema "
                                + version
                                + " > "
                                + latest
                                + "); open it read-only, or update Heirloom");
            }
            String schemaProblem = SchemaAudit.problem(probe, version);
            if (schemaProblem != null) {
                throw ProjectException.about(file, schemaProblem);
            }
            if (header.fileSize() <= QUICK_CHECK_LIMIT) {
                try (Statement st = probe.createStatement();
                        ResultSet rs = st.executeQuery("PRAGMA quick_check")) {
                    String first = rs.next() ? rs.getString(1) : "no answer";
                    if (!"ok".equalsIgnoreCase(first)) {
                        throw ProjectException.about(file, "corrupt (" + first + ")");
                    }
                }
            }
            String lineage = ModelLineage.problem(probe);
            if (lineage != null) {
                throw ProjectException.about(file, lineage);
            }
            if (mode == Mode.READ_ONLY && version < latest) {
                olderSchema = true;
            }
        } catch (SQLException e) {
            throw ProjectException.about(file, describe(e), e);
        }
        if (olderSchema) {
            Project p = openMigratedCopy(file);
            p.fileSchemaVersion = fileVersion;
            return p;
        }
        try {
            Connection c = connect(file, mode == Mode.READ_ONLY);
            Project p = new Project(file, c, mode == Mode.READ_ONLY);
            p.fileSchemaVersion = fileVersion;
            if (!p.readOnly) {
                p.migrate(targetVersion);
            }
            return p;
        } catch (SQLException e) {
            throw ProjectException.about(file, describe(e), e);
        }
    }

    /**
     * Read-only access to a file of an older schema: the file itself must not change, so a
     * temporary copy is migrated and opened read-only (the copy is deleted on close).
     */
    private static Project openMigratedCopy(Path file) {
        Path copy = null;
        try {
            copy = Files.createTempFile("heirloom-readonly-", ".heirloom");
            copyConsistently(file, copy);
            open(copy, Mode.READ_WRITE).close();
            Connection c = connect(copy, true);
            Project p = new Project(file, c, true);
            p.temporaryCopy = copy;
            return p;
        } catch (IOException e) {
            deleteQuietly(copy);
            throw ProjectException.about(
                    file, "cannot make a read-only copy (" + e.getMessage() + ")", e);
        } catch (SQLException e) {
            deleteQuietly(copy);
            throw ProjectException.about(file, describe(e), e);
        } catch (ProjectException e) {
            // Errors about the copy must name the user's file, never our temporary one.
            deleteQuietly(copy);
            String m = e.getMessage();
            String tail = m.startsWith(copy + ": ") ? m.substring(copy.toString().length() + 2) : m;
            throw ProjectException.about(file, tail, e);
        }
    }

    /** Copies through SQLite (a WAL beside the file included), not byte by byte. */
    private static void copyConsistently(Path file, Path copy) throws SQLException, IOException {
        Files.deleteIfExists(copy);
        try (Connection c = connect(file, true);
                PreparedStatement ps = c.prepareStatement("VACUUM INTO ?")) {
            ps.setString(1, copy.toAbsolutePath().toString());
            ps.execute();
        }
    }

    private static void deleteQuietly(Path f) {
        if (f != null) {
            try {
                Files.deleteIfExists(f);
                Files.deleteIfExists(f.resolveSibling(f.getFileName() + "-wal"));
                Files.deleteIfExists(f.resolveSibling(f.getFileName() + "-shm"));
            } catch (IOException e) {
                // Best effort: the OS cleans its temp folder.
            }
        }
    }

    private static String describe(SQLException e) {
        String m = e.getMessage() == null ? e.toString() : e.getMessage();
        if (m.contains("SQLITE_BUSY")) {
            return "is busy: another process kept it locked for over "
                    + BUSY_TIMEOUT_MS / 60_000
                    + " minutes; try again when it has finished";
        }
        if (m.contains("SQLITE_INTERRUPT") || m.contains("interrupted")) {
            return "a query was stopped (cancelled, or over its time limit)";
        }
        if (m.contains("malformed") || m.contains("SQLITE_CORRUPT")) {
            return "corrupt (" + m + ")";
        }
        if (m.contains("SQLITE_NOTADB") || m.contains("not a database")) {
            return "not a Heirloom project (not an SQLite database file)";
        }
        return "cannot be opened (" + m + ")";
    }

    /** Like {@link #describe}, for a file that did open: "cannot be opened" would be untrue. */
    private static String describeUse(SQLException e, String what) {
        String d = describe(e);
        return d.startsWith("cannot be opened (")
                ? what + d.substring("cannot be opened".length())
                : d;
    }

    private static Connection connect(Path file, boolean readOnly) throws SQLException {
        SQLiteConfig config = new SQLiteConfig();
        config.setReadOnly(readOnly);
        config.enforceForeignKeys(true);
        // A second writer (another command, the GUI) waits for a long import or training
        // transaction instead of failing with SQLITE_BUSY.
        config.setBusyTimeout(BUSY_TIMEOUT_MS);
        // A received file is data: no extension loading, and SQL functions in its schema
        // (defaults, CHECKs, indexes) may not call anything with side effects.
        config.enableLoadExtension(false);
        if (!readOnly) {
            // Write transactions take the write lock when they begin, waiting (busy timeout) for
            // another writer; a deferred one that read first would fail at once with SQLITE_BUSY
            // once the other writer commits, because its snapshot is then stale.
            config.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
            // WAL + NORMAL (entered at the first write, see enterWal): a committed transaction
            // survives a killed process; readers never block the writer.
            config.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
        }
        Connection c =
                DriverManager.getConnection(
                        "jdbc:sqlite:" + file.toAbsolutePath(), config.toProperties());
        try {
            harden(c);
        } catch (SQLException e) {
            c.close();
            throw e;
        }
        return c;
    }

    /**
     * SQLite's defences for untrusted database files (https://www.sqlite.org/security.html):
     * schema-borne SQL is untrusted, recursion and sizes are bounded, and every statement runs
     * under a progress handler that {@link #interrupt()} and time limits can stop.
     * (SQLITE_DBCONFIG_DEFENSIVE is not reachable through sqlite-jdbc; the schema audit on open
     * refuses the triggers and views it would guard against.)
     */
    private static void harden(Connection c) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute("PRAGMA trusted_schema = OFF");
            st.execute("PRAGMA cell_size_check = ON");
        }
        SQLiteConnection sc = c.unwrap(SQLiteConnection.class);
        sc.setLimit(SQLiteLimits.SQLITE_LIMIT_TRIGGER_DEPTH, 16);
        sc.setLimit(SQLiteLimits.SQLITE_LIMIT_EXPR_DEPTH, 500);
        sc.setLimit(SQLiteLimits.SQLITE_LIMIT_COMPOUND_SELECT, 64);
        sc.setLimit(SQLiteLimits.SQLITE_LIMIT_SQL_LENGTH, 1_000_000);
    }

    private void migrate(int targetVersion) throws SQLException {
        int current = pragmaInt(connection, "user_version");
        for (Migration m : Schema.migrations()) {
            if (m.version() <= current || m.version() > targetVersion) {
                continue;
            }
            write(
                    c -> {
                        try (Statement st = c.createStatement()) {
                            for (String sql : m.statements()) {
                                st.execute(sql);
                            }
                            st.execute("PRAGMA user_version = " + m.version());
                        }
                        return null;
                    });
        }
    }

    private static int pragmaInt(Connection c, String pragma) throws SQLException {
        try (Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("PRAGMA " + pragma)) {
            return rs.next() ? rs.getInt(1) : 0;
        }
    }

    private static void putMeta(Connection c, String key, String value) throws SQLException {
        try (PreparedStatement ps =
                c.prepareStatement(
                        "INSERT INTO project_meta(key, value) VALUES (?, ?)"
                                + " ON CONFLICT(key) DO UPDATE SET value = excluded.value")) {
            ps.setString(1, key);
            ps.setString(2, value);
            ps.executeUpdate();
        }
    }

    public Path file() {
        return file;
    }

    public boolean isReadOnly() {
        return readOnly;
    }

    /**
     * Rewrites the file without free pages, so that bytes of deleted or updated rows (old paths,
     * old texts) do not travel with it. Used before a file is bundled.
     */
    public void compact() {
        if (readOnly) {
            throw ProjectException.about(file, "is open read-only");
        }
        read(
                c -> {
                    try (java.sql.Statement st = c.createStatement()) {
                        st.execute("VACUUM");
                    }
                    return null;
                });
    }

    /**
     * Switches to WAL at the first write rather than on open: switching rewrites the file's header
     * (and leaving it again on close bumps its change counter), so a command that only reads, or
     * fails before writing, leaves the file byte-identical.
     */
    private void enterWal() throws SQLException {
        if (wal || !connection.getAutoCommit()) {
            return; // already in WAL, or inside a transaction (of which WAL was entered first)
        }
        try (Statement st = connection.createStatement();
                ResultSet rs = st.executeQuery("PRAGMA journal_mode = WAL")) {
            wal = rs.next() && "wal".equalsIgnoreCase(rs.getString(1));
        }
    }

    /**
     * Reports each statement that {@link #read} and {@link #write} work runs from now on to {@code
     * observer} (null stops it): lets a test count what a screen reads.
     */
    public void observe(StatementObserver observer) {
        this.observer = observer;
    }

    private Connection connection() {
        StatementObserver o = observer;
        return o == null ? connection : StatementObserver.wrap(connection, o);
    }

    /** Reads without a transaction of its own (SQLite gives each statement a consistent view). */
    public <T> T read(SqlWork<T> work) {
        lock.lock();
        try {
            if (lock.getHoldCount() == 1) {
                interruptRequested = false;
            }
            return work.apply(connection());
        } catch (SQLException e) {
            throw ProjectException.about(file, describeUse(e, "a read failed"), e);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Runs {@code work} in one transaction, committed when it returns, rolled back if it throws.
     */
    public <T> T write(SqlWork<T> work) {
        if (readOnly) {
            throw ProjectException.about(file, "is open read-only");
        }
        lock.lock();
        try {
            if (lock.getHoldCount() == 1) {
                interruptRequested = false;
            }
            enterWal();
            connection.setAutoCommit(false);
            try {
                T result = work.apply(connection());
                connection.commit();
                return result;
            } catch (SQLException | RuntimeException | Error e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw ProjectException.about(file, describeUse(e, "a write failed"), e);
        } finally {
            lock.unlock();
        }
    }

    /**
     * The schema version the file itself has: lower than {@link #schemaVersion()} when an older
     * file is shown read-only through a migrated copy, higher than {@link Schema#latestVersion()}
     * when a newer Heirloom made it (read-only only).
     */
    public int fileSchemaVersion() {
        return fileSchemaVersion >= 0 ? fileSchemaVersion : schemaVersion();
    }

    public int schemaVersion() {
        return read(c -> pragmaInt(c, "user_version"));
    }

    /** The project's display name (stored in the file; defaults to the file name). */
    public String name() {
        return read(
                c -> {
                    try (PreparedStatement ps =
                            c.prepareStatement(
                                    "SELECT value FROM project_meta WHERE key = 'name'")) {
                        try (ResultSet rs = ps.executeQuery()) {
                            if (rs.next()) {
                                return rs.getString(1);
                            }
                        }
                    }
                    String f = file.getFileName().toString();
                    return f.endsWith(".heirloom") ? f.substring(0, f.length() - 9) : f;
                });
    }

    public void rename(String name) {
        write(
                c -> {
                    putMeta(c, "name", name);
                    return null;
                });
    }

    /** Counts for {@code info} and the overview; stopped after a minute whatever the file holds. */
    public ProjectInfo info() {
        return readWithin(
                INFO_LIMIT,
                c ->
                        new ProjectInfo(
                                file.toString(),
                                name(),
                                // The file's own version: a v5 file shown through a migrated
                                // copy is still a v5 file.
                                fileSchemaVersion(),
                                count(c, "prompt_set"),
                                count(c, "prompt"),
                                count(c, "model"),
                                count(c, "run"),
                                count(c, "candidate"),
                                count(c, "recipe")));
    }

    private static long count(Connection c, String table) throws SQLException {
        try (Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT count(*) FROM " + table)) {
            return rs.next() ? rs.getLong(1) : 0;
        }
    }

    /**
     * Writes a single self-contained copy for a colleague (no WAL beside it). Secrets never live in
     * project files, so there is nothing to strip but, optionally, stored model weights, and any
     * user-info an endpoint URL may still carry from an older Heirloom. The copy is made in a
     * temporary file beside {@code target}, synced, then renamed: a killed export leaves nothing at
     * {@code target}, and running it again works. Its schema is the audited one: a file with
     * foreign triggers or views is refused on open, so they cannot reach an export.
     */
    public void exportForSharing(Path target, boolean includeModelFiles) {
        if (Files.exists(target)) {
            throw ProjectException.about(target, "already exists; choose another file name");
        }
        Path folder = target.toAbsolutePath().getParent();
        Path tmp;
        try {
            tmp = Files.createTempFile(folder, "." + target.getFileName() + ".", ".partial");
            Files.delete(tmp); // VACUUM INTO wants to create it itself
        } catch (IOException e) {
            throw ProjectException.about(target, "cannot be written (" + e.getMessage() + ")", e);
        }
        try {
            read(
                    c -> {
                        try (PreparedStatement ps = c.prepareStatement("VACUUM INTO ?")) {
                            ps.setString(1, tmp.toString());
                            ps.execute();
                        }
                        return null;
                    });
            try (Connection out = connect(tmp, false);
                    Statement st = out.createStatement()) {
                // Checked again on the copy: objects added behind an open project's back (by
                // another tool) must not reach a colleague either.
                String problem = SchemaAudit.problem(out, pragmaInt(out, "user_version"));
                if (problem != null) {
                    throw ProjectException.about(file, problem + "; nothing was exported");
                }
                if (!includeModelFiles) {
                    st.execute("DELETE FROM model_file");
                }
                Secrets.stripStoredUserInfo(out);
                // A single file to send: no WAL beside it.
                st.execute("PRAGMA journal_mode = DELETE");
                st.execute("VACUUM");
            }
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                ch.force(true);
            }
            if (Files.exists(target)) {
                throw ProjectException.about(target, "already exists; choose another file name");
            }
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
            syncFolder(folder);
        } catch (SQLException e) {
            throw ProjectException.about(target, describe(e), e);
        } catch (IOException e) {
            throw ProjectException.about(target, "cannot be written (" + e.getMessage() + ")", e);
        } finally {
            deleteQuietly(tmp);
        }
    }

    /** Makes a rename durable (POSIX); a no-op where folders cannot be opened. */
    private static void syncFolder(Path folder) {
        try (FileChannel ch = FileChannel.open(folder, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // Windows: folders cannot be synced this way; the rename is already durable enough.
        }
    }

    @Override
    public void close() {
        lock.lock();
        try {
            if (!connection.isClosed()) {
                if (!readOnly && wal) {
                    try (Statement st = connection.createStatement()) {
                        // At rest the file alone is the whole project: fold the WAL back and
                        // leave rollback-journal mode, so readers (also read-only ones on a
                        // colleague's machine) need no -wal/-shm files beside it.
                        st.execute("PRAGMA wal_checkpoint(TRUNCATE)");
                        st.execute("PRAGMA journal_mode = DELETE");
                    } catch (SQLException e) {
                        // Another process still has it open: it stays in WAL mode, which is safe.
                    }
                }
                connection.close();
            }
            if (temporaryCopy != null) {
                Files.deleteIfExists(temporaryCopy);
                temporaryCopy = null;
            }
        } catch (IOException e) {
            // A temporary copy that cannot be deleted is harmless; the OS cleans its temp folder.
        } catch (SQLException e) {
            throw ProjectException.about(file, describe(e), e);
        } finally {
            lock.unlock();
        }
    }
}
