package org.heirloom.project.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.heirloom.project.Project;
import org.heirloom.project.Sql;

/**
 * Everything the model page shows about one model, read in one go: what it is (family, parameters,
 * dtype, files, weights hash, where it lives), for a trained student where it came from, and its
 * profiles with their summary numbers. Files come from the model's folder when it is there, else
 * from the copies stored in the project; a folder is never required.
 */
public final class ModelPage {

    /** One file of the model; {@code stored} when the project holds a copy. */
    public record FileEntry(String path, long bytes, boolean stored) {}

    /** One logged training loss. */
    public record LossPoint(long step, String split, double loss) {}

    /** A saved checkpoint of a training. */
    public record Checkpoint(long step, String location) {}

    /** Where a trained model came from. */
    public record Provenance(
            String training,
            String base,
            String data,
            String selection,
            String strategy,
            int replicate,
            long seed,
            String status,
            long totalSteps,
            Map<String, String> hyperParameters,
            List<LossPoint> loss,
            List<Checkpoint> checkpoints) {}

    /** One summary number of a profile: mean with its CI when the suite gives one. */
    public record SummaryNumber(String name, double mean, double low, double high, long n) {
        public String describe() {
            return Double.isNaN(low)
                    ? fmt(mean)
                    : fmt(mean)
                            + " ["
                            + fmt(low)
                            + ", "
                            + fmt(high)
                            + "]"
                            + (n > 0 ? " n=" + n : "");
        }

        private static String fmt(double v) {
            return Math.abs(v) >= 100 || v == Math.rint(v)
                    ? String.format(java.util.Locale.ROOT, "%.1f", v)
                    : String.format(java.util.Locale.ROOT, "%.3f", v);
        }
    }

    /** A profile of the model: its suite, state and summary numbers. */
    public record Profile(long id, String suite, String status, List<SummaryNumber> numbers) {}

    /** The page's data. */
    public record Facts(
            ModelRecord model,
            String family,
            long parameters,
            String dtype,
            List<FileEntry> files,
            String location,
            boolean folderPresent,
            Provenance provenance,
            List<Profile> profiles) {

        public boolean isStudent() {
            return provenance != null;
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private ModelPage() {}

    /** Reads the page of model {@code id}; an unknown id is an error naming it. */
    public static Facts load(Project project, long id) {
        ModelRecord m =
                new ModelRepository(project)
                        .get(id)
                        .orElseThrow(
                                () ->
                                        new IllegalArgumentException(
                                                project.file() + ": no model with id " + id));
        Path folder = folderOf(m);
        Map<String, Long> stored = project.read(c -> storedFiles(c, id));
        List<FileEntry> files = new ArrayList<>();
        Map<String, Long> onDisk = folder == null ? Map.of() : listFolder(folder);
        TreeMap<String, Long> all = new TreeMap<>(stored);
        all.putAll(onDisk);
        all.forEach((p, bytes) -> files.add(new FileEntry(p, bytes, stored.containsKey(p))));

        JsonNode config = readJson(project, id, folder, "config.json");
        String family = config == null ? "" : config.path("model_type").asText("");
        String dtype = config == null ? "" : config.path("torch_dtype").asText("");
        long[] params = {0};
        Map<String, Long> dtypes = new TreeMap<>();
        byte[] header = readHeader(project, id, folder);
        if (header != null) {
            countParameters(header, params, dtypes);
            if (!dtypes.isEmpty()) {
                // The weights' own dtype (the largest share), which may differ from config.json's.
                dtype =
                        dtypes.entrySet().stream()
                                .max(Map.Entry.comparingByValue())
                                .orElseThrow()
                                .getKey();
            }
        }
        Provenance prov = project.read(c -> provenance(c, id));
        List<Profile> profiles = project.read(c -> profiles(c, id));
        return new Facts(
                m,
                family,
                params[0],
                dtype,
                List.copyOf(files),
                m.location() == null ? "" : m.location(),
                folder != null,
                prov,
                profiles);
    }

    /**
     * Writes the model as a Hugging Face folder at {@code target} (which must not exist yet): the
     * files of its folder when that is present, else the copies stored in the project. Written into
     * a sibling temporary folder and moved into place, so a failure leaves nothing half done.
     *
     * @return the number of files written
     */
    public static int exportFolder(Project project, long id, Path target) throws IOException {
        ModelRecord m =
                new ModelRepository(project)
                        .get(id)
                        .orElseThrow(
                                () ->
                                        new IllegalArgumentException(
                                                project.file() + ": no model with id " + id));
        Path dest = target.toAbsolutePath().normalize();
        if (Files.exists(dest)) {
            throw new IllegalArgumentException(dest + ": already exists; choose a new folder");
        }
        Path folder = folderOf(m);
        Path tmp = dest.resolveSibling(dest.getFileName() + ".part");
        deleteTree(tmp);
        Files.createDirectories(tmp);
        int n = 0;
        try {
            if (folder != null) {
                for (String name : listFolder(folder).keySet()) {
                    Files.copy(folder.resolve(name), tmp.resolve(name));
                    n++;
                }
            } else {
                for (String name : project.read(c -> storedFiles(c, id)).keySet()) {
                    // Stored names are project content: only plain file names become files.
                    if (!name.matches("[A-Za-z0-9._-]+") || name.startsWith(".")) {
                        throw new IllegalArgumentException(
                                project.file()
                                        + ": model '"
                                        + m.name()
                                        + "' has a stored file with an unsafe name");
                    }
                    byte[] b =
                            project.read(
                                    c ->
                                            Sql.first(
                                                            c,
                                                            "SELECT data FROM model_file WHERE"
                                                                    + " model_id = ? AND path = ?",
                                                            rs -> rs.getBytes(1),
                                                            id,
                                                            name)
                                                    .orElseThrow());
                    Files.write(tmp.resolve(name), b);
                    n++;
                }
            }
            if (n == 0) {
                throw new IllegalArgumentException(
                        "model '" + m.name() + "' has no folder and no stored files to export");
            }
            Files.move(tmp, dest);
            return n;
        } finally {
            deleteTree(tmp);
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    private static Path folderOf(ModelRecord m) {
        if (m.location() == null || !m.kind().matches("local|trained")) {
            return null;
        }
        try {
            Path p = Path.of(m.location());
            return Files.isDirectory(p) ? p : null;
        } catch (java.nio.file.InvalidPathException e) {
            return null;
        }
    }

    private static Map<String, Long> listFolder(Path folder) {
        Map<String, Long> out = new TreeMap<>();
        try (Stream<Path> s = Files.list(folder)) {
            for (Path p : s.filter(Files::isRegularFile).toList()) {
                out.put(p.getFileName().toString(), Files.size(p));
            }
        } catch (IOException e) {
            // An unreadable folder shows as no files on disk; the stored copies remain.
        }
        return out;
    }

    private static Map<String, Long> storedFiles(Connection c, long id) throws SQLException {
        Map<String, Long> out = new TreeMap<>();
        for (Object[] r :
                Sql.list(
                        c,
                        "SELECT path, length(data) FROM model_file WHERE model_id = ?",
                        rs -> new Object[] {rs.getString(1), rs.getLong(2)},
                        id)) {
            out.put((String) r[0], (Long) r[1]);
        }
        return out;
    }

    private static JsonNode readJson(Project project, long id, Path folder, String name) {
        try {
            if (folder != null && Files.isRegularFile(folder.resolve(name))) {
                return JSON.readTree(folder.resolve(name).toFile());
            }
            byte[] b =
                    project.read(
                            c ->
                                    Sql.first(
                                                    c,
                                                    "SELECT data FROM model_file WHERE model_id = ?"
                                                            + " AND path = ?",
                                                    rs -> rs.getBytes(1),
                                                    id,
                                                    name)
                                            .orElse(null));
            return b == null ? null : JSON.readTree(b);
        } catch (IOException e) {
            return null;
        }
    }

    /**
     * The JSON header of model.safetensors: an 8-byte little-endian length, then that many bytes.
     */
    private static byte[] readHeader(Project project, long id, Path folder) {
        try {
            Path f = folder == null ? null : folder.resolve("model.safetensors");
            if (f != null && Files.isRegularFile(f)) {
                try (InputStream in = Files.newInputStream(f)) {
                    return header(in.readNBytes(8), in);
                }
            }
            byte[] prefix =
                    project.read(
                            c ->
                                    Sql.first(
                                                    c,
                                                    "SELECT substr(data, 1, 8) FROM model_file"
                                                            + " WHERE model_id = ? AND path ="
                                                            + " 'model.safetensors'",
                                                    rs -> rs.getBytes(1),
                                                    id)
                                            .orElse(null));
            if (prefix == null || prefix.length < 8) {
                return null;
            }
            long n = ByteBuffer.wrap(prefix).order(ByteOrder.LITTLE_ENDIAN).getLong();
            if (n <= 0 || n > 100_000_000) {
                return null;
            }
            return project.read(
                    c ->
                            Sql.first(
                                            c,
                                            "SELECT substr(data, 9, ?) FROM model_file WHERE"
                                                    + " model_id = ? AND path ="
                                                    + " 'model.safetensors'",
                                            rs -> rs.getBytes(1),
                                            n,
                                            id)
                                    .orElse(null));
        } catch (IOException e) {
            return null;
        }
    }

    private static byte[] header(byte[] prefix, InputStream in) throws IOException {
        if (prefix.length < 8) {
            return null;
        }
        long n = ByteBuffer.wrap(prefix).order(ByteOrder.LITTLE_ENDIAN).getLong();
        // A received file is data: a header length beyond reason is not read.
        return n <= 0 || n > 100_000_000 ? null : in.readNBytes((int) n);
    }

    /** Sums the element counts of every tensor in a safetensors header, per dtype. */
    static void countParameters(byte[] header, long[] total, Map<String, Long> perDtype) {
        try {
            JsonNode h = JSON.readTree(header);
            for (Iterator<Map.Entry<String, JsonNode>> it = h.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (e.getKey().equals("__metadata__")) {
                    continue;
                }
                long count = 1;
                for (JsonNode d : e.getValue().path("shape")) {
                    count *= d.asLong();
                }
                total[0] += count;
                perDtype.merge(e.getValue().path("dtype").asText("?"), count, Long::sum);
            }
        } catch (IOException e) {
            // Not a readable header: no parameter count.
        }
    }

    private static Provenance provenance(Connection c, long id) throws SQLException {
        return Sql.first(
                        c,
                        "SELECT t.id, t.name, coalesce(b.name, t.base_location), t.data_source,"
                                + " s.name, s.strategy, t.replicate, t.seed, t.status,"
                                + " t.total_steps, t.config FROM training t LEFT JOIN model b"
                                + " ON b.id = t.base_model_id LEFT JOIN selection s ON s.id ="
                                // a recipe's student names its data as selection:NAME
                                + " t.selection_id OR (t.selection_id IS NULL AND t.data_source ="
                                + " 'selection:' || s.name) WHERE t.output_model_id = ?",
                        rs -> {
                            long tid = rs.getLong(1);
                            return new Object[] {
                                tid,
                                rs.getString(2),
                                rs.getString(3),
                                rs.getString(4),
                                rs.getString(5),
                                rs.getString(6),
                                rs.getInt(7),
                                rs.getLong(8),
                                rs.getString(9),
                                rs.getLong(10),
                                rs.getString(11)
                            };
                        },
                        id)
                .map(
                        r -> {
                            long tid = (Long) r[0];
                            try {
                                return new Provenance(
                                        (String) r[1],
                                        (String) r[2],
                                        (String) r[3],
                                        r[4] == null ? "" : (String) r[4],
                                        r[5] == null ? "" : (String) r[5],
                                        (Integer) r[6],
                                        (Long) r[7],
                                        (String) r[8],
                                        (Long) r[9],
                                        hyperParameters((String) r[10]),
                                        Sql.list(
                                                c,
                                                "SELECT step, split, loss FROM training_log"
                                                        + " WHERE training_id = ? ORDER BY split,"
                                                        + " step",
                                                rs ->
                                                        new LossPoint(
                                                                rs.getLong(1),
                                                                rs.getString(2),
                                                                rs.getDouble(3)),
                                                tid),
                                        Sql.list(
                                                c,
                                                "SELECT step, location FROM training_checkpoint"
                                                        + " WHERE training_id = ? ORDER BY step",
                                                rs ->
                                                        new Checkpoint(
                                                                rs.getLong(1), rs.getString(2)),
                                                tid));
                            } catch (SQLException e) {
                                throw new IllegalStateException(e);
                            }
                        })
                .orElse(null);
    }

    /** The training configuration's scalar settings, in their stored order (nulls left out). */
    static Map<String, String> hyperParameters(String json) {
        Map<String, String> out = new LinkedHashMap<>();
        try {
            JsonNode n = JSON.readTree(json);
            for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (e.getValue().isValueNode() && !e.getValue().isNull()) {
                    out.put(e.getKey(), e.getValue().asText());
                } else if (e.getValue().isObject()) {
                    e.getValue()
                            .fields()
                            .forEachRemaining(
                                    f -> {
                                        if (f.getValue().isValueNode() && !f.getValue().isNull()) {
                                            out.put(
                                                    e.getKey() + "." + f.getKey(),
                                                    f.getValue().asText());
                                        }
                                    });
                }
            }
        } catch (IOException e) {
            out.put("config", json);
        }
        return out;
    }

    private static List<Profile> profiles(Connection c, long id) throws SQLException {
        return Sql.list(
                c,
                "SELECT id, suite, status, summary FROM profile WHERE model_id = ? ORDER BY suite,"
                        + " id",
                rs ->
                        new Profile(
                                rs.getLong(1),
                                rs.getString(2),
                                rs.getString(3),
                                numbers(rs.getString(4))),
                id);
    }

    /**
     * A profile summary's numbers: {@code {"metrics": {m: {mean, low, high, n}}}} as estimates, any
     * other numeric leaf as a plain value under its dotted path.
     */
    static List<SummaryNumber> numbers(String summary) {
        List<SummaryNumber> out = new ArrayList<>();
        if (summary == null || summary.isBlank()) {
            return out;
        }
        try {
            walk("", JSON.readTree(summary), out);
        } catch (IOException e) {
            // An unreadable summary shows no numbers.
        }
        return out;
    }

    private static void walk(String path, JsonNode n, List<SummaryNumber> out) {
        if (n.isObject() && n.has("mean") && n.get("mean").isNumber()) {
            out.add(
                    new SummaryNumber(
                            path,
                            n.get("mean").asDouble(),
                            n.path("low").isNumber() ? n.get("low").asDouble() : Double.NaN,
                            n.path("high").isNumber() ? n.get("high").asDouble() : Double.NaN,
                            n.path("n").asLong(0)));
        } else if (n.isObject()) {
            n.fields()
                    .forEachRemaining(
                            e -> {
                                String key = e.getKey();
                                String child =
                                        path.isEmpty() || path.equals("metrics")
                                                ? key
                                                : path + "." + key;
                                boolean top = path.isEmpty() && key.equals("metrics");
                                walk(top ? "metrics" : child, e.getValue(), out);
                            });
        } else if (n.isNumber()) {
            out.add(new SummaryNumber(path, n.asDouble(), Double.NaN, Double.NaN, 0));
        }
    }
}
