package org.heirloom.prompt;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Parquet files and Hugging Face data set folders, read with DuckDB (a maintained reader; see
 * docs/prompts.md for why DuckDB over parquet-java). Rows stream from DuckDB in chunks; only the
 * chosen columns are read.
 *
 * <p>A folder is a data set: every {@code .parquet} below it, in path order, each file's split
 * taken from its name the way the Hub names them ({@code data/train-00000-of-00002.parquet} →
 * {@code train}; {@code default/test/0000.parquet} → {@code test}).
 */
final class ParquetPromptReader {

    private static final Pattern SHARD = Pattern.compile("^(.+?)(?:-\\d+-of-\\d+)?$");

    private ParquetPromptReader() {}

    static List<RawPrompt> read(Path source, String field, String referenceField)
            throws IOException {
        List<Path> files = files(source);
        boolean folder = Files.isDirectory(source);
        List<RawPrompt> out = new ArrayList<>();
        try (Connection c = open()) {
            String promptField = field;
            String refField = referenceField;
            for (Path f : files) {
                Map<String, String> columns = columns(c, f);
                List<String> names = new ArrayList<>(columns.keySet());
                if (promptField == null) {
                    promptField =
                            PromptFileReader.pickField(
                                    PromptFileReader.PROMPT_FIELDS, names, f.toString());
                }
                if (refField == null) {
                    refField =
                            PromptFileReader.pickOptionalField(
                                    PromptFileReader.REFERENCE_FIELDS, names, promptField);
                }
                requireString(f, columns, promptField, true);
                boolean hasRef = !refField.isEmpty() && requireString(f, columns, refField, false);
                String split = folder ? splitOf(f) : null;
                readRows(c, f, promptField, hasRef ? refField : null, split, out);
            }
        } catch (SQLException e) {
            throw new IllegalArgumentException(
                    source + ": cannot read as Parquet (" + firstLine(e.getMessage()) + ")");
        }
        return out;
    }

    /** The Parquet files of a file or data set folder, in path order. */
    static List<Path> files(Path source) throws IOException {
        if (Files.isRegularFile(source)) {
            return List.of(source);
        }
        if (!Files.isDirectory(source)) {
            throw new IllegalArgumentException(source + ": no such file or folder");
        }
        List<Path> files;
        try (Stream<Path> s = Files.walk(source)) {
            files =
                    s.filter(Files::isRegularFile)
                            .filter(p -> lower(p).endsWith(".parquet"))
                            .filter(p -> !source.relativize(p).toString().startsWith("."))
                            .sorted()
                            .toList();
        }
        if (files.isEmpty()) {
            throw new IllegalArgumentException(source + ": no .parquet files in this folder");
        }
        return files;
    }

    /** {@code train-00000-of-00003.parquet} → train; {@code test/0000.parquet} → test. */
    static String splitOf(Path file) {
        String name = file.getFileName().toString();
        String stem = name.substring(0, name.length() - ".parquet".length());
        if (stem.matches("\\d+") && file.getParent() != null) {
            return file.getParent().getFileName().toString();
        }
        Matcher m = SHARD.matcher(stem);
        return m.matches() ? m.group(1) : stem;
    }

    private static Connection open() throws SQLException {
        Properties props = new Properties();
        // Stream results in chunks instead of materialising the whole file in memory.
        props.setProperty("jdbc_stream_results", "true");
        Connection c = DriverManager.getConnection("jdbc:duckdb:", props);
        try (Statement s = c.createStatement()) {
            // No network at run time: never fetch or load extensions behind our back.
            s.execute("SET autoinstall_known_extensions = false");
            s.execute("SET autoload_known_extensions = false");
        }
        return c;
    }

    private static Map<String, String> columns(Connection c, Path f) throws SQLException {
        Map<String, String> out = new LinkedHashMap<>();
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("DESCRIBE SELECT * FROM " + scan(f))) {
            while (rs.next()) {
                out.put(rs.getString("column_name"), rs.getString("column_type"));
            }
        } catch (SQLException e) {
            throw new IllegalArgumentException(
                    f + ": cannot read as Parquet (" + firstLine(e.getMessage()) + ")");
        }
        return out;
    }

    private static boolean requireString(
            Path f, Map<String, String> columns, String name, boolean required) {
        String type = columns.get(name);
        if (type == null) {
            if (!required) {
                return false;
            }
            throw new IllegalArgumentException(
                    f
                            + ": no column '"
                            + name
                            + "' (columns: "
                            + String.join(", ", columns.keySet())
                            + ")");
        }
        if (!type.equals("VARCHAR")) {
            throw new IllegalArgumentException(
                    f + ": column '" + name + "' is " + type + ", not a string; choose --field");
        }
        return true;
    }

    private static void readRows(
            Connection c, Path f, String field, String refField, String split, List<RawPrompt> out)
            throws SQLException {
        String sql =
                "SELECT "
                        + ident(field)
                        + (refField == null ? "" : ", " + ident(refField))
                        + " FROM "
                        + scan(f);
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            long row = 0;
            while (rs.next()) {
                String where = f + ": row " + row;
                String text = rs.getString(1);
                if (text == null) {
                    throw new IllegalArgumentException(where + ": field '" + field + "' is null");
                }
                if (text.isBlank()) {
                    throw new IllegalArgumentException(where + ": field '" + field + "' is empty");
                }
                String ref = refField == null ? null : rs.getString(2);
                out.add(
                        new RawPrompt(
                                text,
                                ref == null || ref.isEmpty() ? null : ref,
                                "row " + row,
                                split));
                row++;
            }
        }
    }

    private static String scan(Path f) {
        return "read_parquet('" + f.toAbsolutePath().toString().replace("'", "''") + "')";
    }

    private static String ident(String name) {
        return "\"" + name.replace("\"", "\"\"") + "\"";
    }

    private static String lower(Path p) {
        return p.getFileName().toString().toLowerCase(Locale.ROOT);
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unknown error";
        }
        String m = message.strip();
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl).strip();
    }
}
