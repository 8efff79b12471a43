package org.heirloom.train;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.heirloom.io.ContentHash;
import org.heirloom.project.Project;
import org.heirloom.settings.AppDirs;

/**
 * Models of a project as training sees them: bases are found by name in the {@code model} table or
 * given as folders; trained models are written in the Hugging Face layout to {@code
 * <project>.models/<name>/} and their files also stored in {@code model_file}, so a shared project
 * file carries them.
 */
public final class ModelStore {

    /** A model row relevant to training. */
    public record StoredModel(long id, String name, String kind, Path location) {}

    private final Project project;

    public ModelStore(Project project) {
        this.project = project;
    }

    /** {@code <project>.models/} next to the project file. */
    public Path modelsDir() {
        Path f = project.file().toAbsolutePath();
        return f.resolveSibling(f.getFileName() + ".models");
    }

    /**
     * The folder for the model called {@code name}: {@code <project>.models/TOKEN}, where TOKEN is
     * the name itself when it is a plain, short file name, else its safe characters plus a hash of
     * the whole name. A name is project content (possibly from someone else's file), so it never
     * becomes a path by itself: {@code /abs}, {@code ../..} or {@code a/../../b} stay inside.
     */
    public Path folderFor(String name) {
        Path root = modelsDir().normalize();
        Path dir = root.resolve(SafeNames.token(name)).normalize();
        if (!root.equals(dir.getParent())) {
            throw new IllegalStateException("model folder escapes " + root + ": " + dir);
        }
        return dir;
    }

    public Optional<StoredModel> find(String name) {
        return project.read(
                c -> {
                    try (PreparedStatement ps =
                            c.prepareStatement(
                                    "SELECT id, name, kind, location FROM model WHERE name = ?")) {
                        ps.setString(1, name);
                        try (ResultSet rs = ps.executeQuery()) {
                            if (!rs.next()) {
                                return Optional.empty();
                            }
                            String loc = rs.getString(4);
                            return Optional.of(
                                    new StoredModel(
                                            rs.getLong(1),
                                            rs.getString(2),
                                            rs.getString(3),
                                            resolveLocation(loc)));
                        }
                    }
                });
    }

    /**
     * Resolves {@code --base}: a model of the project (its folder, or its stored files unpacked to
     * {@code <project>.models/NAME/}) or a model folder, which is registered as a {@code local}
     * model so trained students can name it as parent.
     */
    public StoredModel resolveBase(String spec) throws IOException {
        Optional<StoredModel> byName = find(spec);
        if (byName.isPresent()) {
            StoredModel m = byName.get();
            return new StoredModel(m.id(), m.name(), m.kind(), folderOf(m));
        }
        Path dir = Path.of(spec).toAbsolutePath().normalize();
        if (!Files.isRegularFile(dir.resolve("config.json"))) {
            throw new IllegalArgumentException(
                    "--base '" + spec + "': neither a model of the project nor a model folder");
        }
        String name = dir.getFileName().toString();
        Optional<StoredModel> same = find(name);
        if (same.isPresent() && dir.equals(same.get().location())) {
            return same.get();
        }
        // The folder moved (a project opened on another machine, a sample's working copy): the
        // same weights are the same base, found by their hash rather than by the old path.
        String hash = hashWeights(dir);
        Optional<StoredModel> moved = findLocalByHash(hash, name);
        if (moved.isPresent()) {
            StoredModel m = moved.get();
            return new StoredModel(m.id(), m.name(), m.kind(), dir);
        }
        if (same.isPresent()) {
            name = name + "-" + ContentHash.of(dir.toString()).substring(0, 8);
            Optional<StoredModel> again = find(name);
            if (again.isPresent()) {
                return again.get();
            }
        }
        long id = insert(name, "local", dir, hash, null, null);
        return new StoredModel(id, name, "local", dir);
    }

    /**
     * The folder holding the weights of the project's model {@code name} on this machine: its
     * recorded folder when that has a {@code config.json}, else the files the project carries,
     * unpacked to {@code <project>.models/TOKEN/}. A project opened on another machine (or the
     * sample's working copy) thus profiles and trains from the files it carries.
     */
    public Path folderOf(String name) throws IOException {
        StoredModel m =
                find(name)
                        .orElseThrow(
                                () ->
                                        new IllegalArgumentException(
                                                "the project has no model named '"
                                                        + SafeNames.printable(name)
                                                        + "'"));
        return folderOf(m);
    }

    /** The model's folder when it is already on this machine; nothing is unpacked. */
    public Optional<Path> existingFolderOf(String name) {
        return find(name).flatMap(this::existing);
    }

    /** Its recorded folder, else its unpacked one, when that holds a {@code config.json}. */
    private Optional<Path> existing(StoredModel m) {
        for (Path p : new Path[] {m.location(), folderFor(m.name())}) {
            if (p != null && Files.isRegularFile(p.resolve("config.json"))) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    /** The bytes of one file the project carries for the model, if it carries it. */
    public Optional<byte[]> carriedFile(String name, String file) {
        return project.read(
                c -> {
                    try (PreparedStatement ps =
                            c.prepareStatement(
                                    "SELECT f.data FROM model_file f JOIN model m ON m.id ="
                                            + " f.model_id WHERE m.name = ? AND f.path = ?")) {
                        ps.setString(1, name);
                        ps.setString(2, file);
                        try (ResultSet rs = ps.executeQuery()) {
                            return rs.next()
                                    ? Optional.ofNullable(rs.getBytes(1))
                                    : Optional.<byte[]>empty();
                        }
                    }
                });
    }

    private Path folderOf(StoredModel m) throws IOException {
        Optional<Path> here = existing(m);
        if (here.isPresent()) {
            return here.get();
        }
        Path dir = folderFor(m.name());
        if (unpack(m.id(), m.name(), dir)) {
            return dir;
        }
        throw new IllegalArgumentException(
                "model '"
                        + SafeNames.printable(m.name())
                        + "' is not on this machine: no model folder at "
                        + (m.location() == null ? "(none recorded)" : m.location())
                        + ", and the project carries none of its files");
    }

    /**
     * A recorded location as a path here. Relative locations (as the bundled sample stores them)
     * are tried against the project's folder, then the installation; absolute ones are as stored.
     */
    Path resolveLocation(String loc) {
        if (loc == null) {
            return null;
        }
        Path p = Path.of(loc);
        if (p.isAbsolute()) {
            return p;
        }
        Path inProject = projectDir().resolve(p).normalize();
        Path inInstall = AppDirs.installDir().toAbsolutePath().resolve(p).normalize();
        if (!Files.isRegularFile(inProject.resolve("config.json"))
                && Files.isRegularFile(inInstall.resolve("config.json"))) {
            return inInstall;
        }
        return inProject;
    }

    private Path projectDir() {
        return project.file().toAbsolutePath().normalize().getParent();
    }

    /**
     * Rewrites recorded model folders (and trainings' base folders) as paths relative to the
     * project's folder when they lie under it, or to {@code installDir} when they lie there, so a
     * file built on one machine names no folder of that machine. Used for the bundled sample.
     *
     * @return how many locations were rewritten
     */
    public int makeLocationsPortable(Path installDir) {
        Path projectDir = projectDir();
        Path install = installDir.toAbsolutePath().normalize();
        return project.write(
                c -> {
                    int n = 0;
                    for (String[] t :
                            new String[][] {{"model", "location"}, {"training", "base_location"}}) {
                        List<Object[]> rows = new java.util.ArrayList<>();
                        try (Statement st = c.createStatement();
                                ResultSet rs =
                                        st.executeQuery(
                                                "SELECT id, "
                                                        + t[1]
                                                        + " FROM "
                                                        + t[0]
                                                        + " WHERE "
                                                        + t[1]
                                                        + " IS NOT NULL")) {
                            while (rs.next()) {
                                rows.add(new Object[] {rs.getLong(1), rs.getString(2)});
                            }
                        }
                        for (Object[] r : rows) {
                            String portable = portable((String) r[1], projectDir, install);
                            if (!portable.equals(r[1])) {
                                try (PreparedStatement ps =
                                        c.prepareStatement(
                                                "UPDATE "
                                                        + t[0]
                                                        + " SET "
                                                        + t[1]
                                                        + " = ? WHERE id = ?")) {
                                    ps.setString(1, portable);
                                    ps.setLong(2, (Long) r[0]);
                                    n += ps.executeUpdate();
                                }
                            }
                        }
                    }
                    return n;
                });
    }

    private static String portable(String location, Path projectDir, Path install) {
        if (location.contains(":") && !location.startsWith("/")) {
            return location; // an endpoint or spec, not a folder
        }
        Path p = Path.of(location);
        if (!p.isAbsolute()) {
            return location;
        }
        p = p.normalize();
        if (p.startsWith(projectDir)) {
            return projectDir.relativize(p).toString();
        }
        if (p.startsWith(install)) {
            return install.relativize(p).toString();
        }
        return location;
    }

    /** A {@code local} model with these weights, preferring one named {@code name}. */
    private Optional<StoredModel> findLocalByHash(String hash, String name) {
        return project.read(
                c -> {
                    try (PreparedStatement ps =
                            c.prepareStatement(
                                    "SELECT id, name, kind, location FROM model WHERE kind ="
                                            + " 'local' AND content_hash = ? ORDER BY (name = ?)"
                                            + " DESC, id LIMIT 1")) {
                        ps.setString(1, hash);
                        ps.setString(2, name);
                        try (ResultSet rs = ps.executeQuery()) {
                            if (!rs.next()) {
                                return Optional.empty();
                            }
                            String loc = rs.getString(4);
                            return Optional.of(
                                    new StoredModel(
                                            rs.getLong(1),
                                            rs.getString(2),
                                            rs.getString(3),
                                            resolveLocation(loc)));
                        }
                    }
                });
    }

    /**
     * Registers a trained model folder: a {@code trained} row with {@code parent_id} = base, and a
     * copy of every file in {@code model_file}. One transaction.
     */
    public long registerTrained(String name, Path folder, Long parentId, ObjectNode provenance)
            throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.list(folder)) {
            files = s.filter(Files::isRegularFile).sorted().toList();
        }
        byte[][] data = new byte[files.size()][];
        for (int i = 0; i < files.size(); i++) {
            data[i] = Files.readAllBytes(files.get(i));
        }
        String hash = hashWeights(folder);
        return project.write(
                c -> {
                    long id;
                    try (PreparedStatement ps =
                            c.prepareStatement(
                                    "INSERT INTO model (name, kind, location, content_hash,"
                                            + " config, parent_id, created_at) VALUES"
                                            + " (?,'trained',?,?,?,?,?)",
                                    Statement.RETURN_GENERATED_KEYS)) {
                        ps.setString(1, name);
                        ps.setString(2, folder.toAbsolutePath().toString());
                        ps.setString(3, hash);
                        ps.setString(4, provenance.toString());
                        ps.setObject(5, parentId);
                        ps.setString(6, Instant.now().toString());
                        ps.executeUpdate();
                        try (ResultSet k = ps.getGeneratedKeys()) {
                            k.next();
                            id = k.getLong(1);
                        }
                    }
                    try (PreparedStatement ps =
                            c.prepareStatement(
                                    "INSERT INTO model_file (model_id, path, data) VALUES"
                                            + " (?,?,?)")) {
                        for (int i = 0; i < files.size(); i++) {
                            ps.setLong(1, id);
                            ps.setString(2, files.get(i).getFileName().toString());
                            ps.setBytes(3, data[i]);
                            ps.executeUpdate();
                        }
                    }
                    return id;
                });
    }

    private long insert(
            String name, String kind, Path location, String hash, String config, Long parent) {
        return project.write(
                c -> {
                    try (PreparedStatement ps =
                            c.prepareStatement(
                                    "INSERT INTO model (name, kind, location, content_hash,"
                                            + " config, parent_id, created_at) VALUES"
                                            + " (?,?,?,?,?,?,?)",
                                    Statement.RETURN_GENERATED_KEYS)) {
                        ps.setString(1, name);
                        ps.setString(2, kind);
                        ps.setString(3, location.toString());
                        ps.setString(4, hash);
                        ps.setString(5, config);
                        ps.setObject(6, parent);
                        ps.setString(7, Instant.now().toString());
                        ps.executeUpdate();
                        try (ResultSet k = ps.getGeneratedKeys()) {
                            k.next();
                            return k.getLong(1);
                        }
                    }
                });
    }

    /**
     * Writes a model's stored files to {@code dir}; false when it has none. Every stored file name
     * is checked before anything is written: a name that is not a plain file name (a path, {@code
     * ..}, NUL, control characters, overlong) refuses the whole model, so nothing lands outside
     * {@code dir} and nothing is half-unpacked.
     */
    private boolean unpack(long modelId, String modelName, Path dir) throws IOException {
        List<Object[]> rows =
                project.read(
                        c -> {
                            List<Object[]> out = new java.util.ArrayList<>();
                            try (PreparedStatement ps =
                                    c.prepareStatement(
                                            "SELECT path, data FROM model_file WHERE model_id ="
                                                    + " ?")) {
                                ps.setLong(1, modelId);
                                try (ResultSet rs = ps.executeQuery()) {
                                    while (rs.next()) {
                                        out.add(new Object[] {rs.getString(1), rs.getBytes(2)});
                                    }
                                }
                            }
                            return out;
                        });
        if (rows.isEmpty()) {
            return false;
        }
        Path root = dir.normalize();
        List<Path> targets = new java.util.ArrayList<>();
        for (Object[] r : rows) {
            String name = (String) r[0];
            Path target = SafeNames.isPlainFileName(name) ? root.resolve(name).normalize() : null;
            if (target == null || !root.equals(target.getParent())) {
                throw new IllegalArgumentException(
                        "model '"
                                + SafeNames.printable(modelName)
                                + "': stored file name '"
                                + SafeNames.printable(name)
                                + "' is not a plain file name; nothing was unpacked");
            }
            if (r[1] == null) {
                throw new IllegalArgumentException(
                        "model '"
                                + SafeNames.printable(modelName)
                                + "': stored file '"
                                + name
                                + "' has no data; nothing was unpacked");
            }
            targets.add(target);
        }
        Files.createDirectories(root);
        for (int i = 0; i < rows.size(); i++) {
            Path tmp = Files.createTempFile(root, ".tmp-", ".part");
            Files.write(tmp, (byte[]) rows.get(i)[1]);
            Files.move(
                    tmp,
                    targets.get(i),
                    StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);
        }
        return true;
    }

    /** SHA-256 of the weight files (safetensors), hex. */
    public static String hashWeights(Path dir) throws IOException {
        MessageDigest d = ContentHash.digest();
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : s.filter(p -> p.toString().endsWith(".safetensors")).sorted().toList()) {
                d.update(Files.readAllBytes(p));
            }
        }
        return HexFormat.of().formatHex(d.digest());
    }
}
